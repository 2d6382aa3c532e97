# qda_add_tool(qda-x SOURCES... LINKS modules... SUMMARY "what it does"): a thin executable over the
# library modules it names (qda::cli and the tool's engine), installed with its man page (made from
# its --help by help2man, when help2man is installed), with --help/--version smoke tests.
find_program(HELP2MAN help2man)
# The pages' date: the last commit's (SOURCE_DATE_EPOCH, which help2man honours), so that a page is the
# same bytes whenever it is built from the same commit.
execute_process(COMMAND git log -1 --format=%ct WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                OUTPUT_VARIABLE QDA_SOURCE_DATE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT QDA_SOURCE_DATE)
  set(QDA_SOURCE_DATE 0)
endif()
function(qda_add_tool name)
  cmake_parse_arguments(PARSE_ARGV 1 tool "" "SUMMARY" "LINKS")
  add_executable(${name} ${tool_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE qda::cli ${tool_LINKS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bin")
  install(TARGETS ${name} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  if(HELP2MAN)
    set(page "${PROJECT_BINARY_DIR}/man/man1/${name}.1")
    add_custom_command(OUTPUT "${page}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man/man1"
      COMMAND "${CMAKE_COMMAND}" -E env SOURCE_DATE_EPOCH=${QDA_SOURCE_DATE} "${HELP2MAN}" --no-info --no-discard-stderr --name "${tool_SUMMARY}"
              --include "${PROJECT_SOURCE_DIR}/apps/man-see-also.h2m" --output "${page}" "$<TARGET_FILE:${name}>"
      DEPENDS ${name} "${PROJECT_SOURCE_DIR}/apps/man-see-also.h2m"
      COMMENT "Man page of ${name}" VERBATIM)
    add_custom_target(${name}-man ALL DEPENDS "${page}")
    install(FILES "${page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
    if(QDA_BUILD_TESTS)
      # The page renders without a warning from groff.
      add_test(NAME ${name}.man COMMAND sh -c "MANWIDTH=80 man --warnings -l \"$1\" 2>&1 >/dev/null | grep . && exit 1 || exit 0" sh "${page}")
    endif()
  endif()
  if(QDA_BUILD_TESTS)
    add_test(NAME ${name}.help COMMAND ${name} --help)
    set_tests_properties(${name}.help PROPERTIES PASS_REGULAR_EXPRESSION "Usage:")
    add_test(NAME ${name}.version COMMAND ${name} --version)
    set_tests_properties(${name}.version PROPERTIES PASS_REGULAR_EXPRESSION "^${name} ${PROJECT_VERSION}")
  endif()
endfunction()
