# Compiles every schemas/v1/*.schema.json into the library, so tools need no schema files at run time.
function(qda_embed_schemas target)
  file(GLOB schema_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schemas/v1/*.schema.json")
  list(SORT schema_files)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/embedded_schemas.cpp")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} -DSCHEMA_DIR=${PROJECT_SOURCE_DIR}/schemas/v1
            -P "${PROJECT_SOURCE_DIR}/cmake/GenerateSchemaSource.cmake"
    DEPENDS ${schema_files} "${PROJECT_SOURCE_DIR}/cmake/GenerateSchemaSource.cmake"
    COMMENT "Embedding JSON Schemas"
    VERBATIM)
  target_sources(${target} PRIVATE "${generated}")
endfunction()
