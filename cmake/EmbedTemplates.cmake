# Compiles every file of lib/report/templates/ into the report module, so qda-report needs no template
# files at run time (a --template folder overrides them); they are also installed for users to copy.
function(qda_embed_templates target template_dir)
  file(GLOB template_files CONFIGURE_DEPENDS "${template_dir}/*")
  list(SORT template_files)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/embedded_templates.cpp")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} -DTEMPLATE_DIR=${template_dir}
            -P "${PROJECT_SOURCE_DIR}/cmake/GenerateTemplateSource.cmake"
    DEPENDS ${template_files} "${PROJECT_SOURCE_DIR}/cmake/GenerateTemplateSource.cmake"
    COMMENT "Embedding the report templates"
    VERBATIM)
  target_sources(${target} PRIVATE "${generated}")
  install(DIRECTORY "${template_dir}/" DESTINATION "${CMAKE_INSTALL_DATADIR}/qda/templates")
endfunction()
