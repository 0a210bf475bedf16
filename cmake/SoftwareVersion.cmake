# The version the programs print and the package carries: the project's
# version, plus the git revision when HEAD is not that release's tag
# ("0.1.0+git512.ea37c49": later commits sort later, as Debian compares).
# It is taken when cmake configures: `make package` configures first, so the
# package and its programs carry the commit they are built from. It is not
# refreshed on every commit in between, since every program links the file
# that holds it (core/base/software_version.cpp).
function(confab_software_version out)
  set(version "${PROJECT_VERSION}")
  find_package(Git QUIET)
  if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" describe --tags --exact-match "--match=v${PROJECT_VERSION}"
                    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" RESULT_VARIABLE untagged
                    OUTPUT_QUIET ERROR_QUIET)
    if(untagged)
      execute_process(COMMAND "${GIT_EXECUTABLE}" rev-list --count HEAD
                      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE count
                      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=7 HEAD
                      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE revision
                      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(count AND revision)
        set(version "${PROJECT_VERSION}+git${count}.${revision}")
      endif()
    endif()
  endif()
  set(${out} "${version}" PARENT_SCOPE)
endfunction()
