# kpproc_add_plugin(<target> SOURCES <file>... [LINK_LIBRARIES <lib>...]
#                   [OUTPUT_DIRECTORY <dir>] [INSTALL_DESTINATION <dir>] [NO_INSTALL])
#
# Builds a kpproc plugin: a loadable module linked against kpproc::sdk only (plus the
# libraries you name), with hidden visibility so that the entry point KPPROC_PLUGIN() exports
# is its only public symbol. The same function builds the in-tree plugins and third-party ones
# (after find_package(kpproc CONFIG)).
#
#   OUTPUT_DIRECTORY     where the built module goes (in the kpproc tree: lib/kpproc/plugins)
#   INSTALL_DESTINATION  where `cmake --install` puts it (default: <libdir>/kpproc/plugins,
#                        which the kpproc host installed in the same prefix searches)
# The host refuses a plugin built with another compiler family or major version, or another
# standard library ABI ("toolchain-mismatch": C++ types cross the boundary). Said at configure
# time, once, rather than when the host first meets the plugin.
function(kpproc_check_toolchain)
    get_property(checked GLOBAL PROPERTY KPPROC_TOOLCHAIN_CHECKED)
    if(checked OR NOT DEFINED KPPROC_SDK_CXX_COMPILER_ID)
        return()  # already said, or building kpproc itself
    endif()
    set_property(GLOBAL PROPERTY KPPROC_TOOLCHAIN_CHECKED TRUE)
    string(REGEX MATCH "^[0-9]+" sdk_major "${KPPROC_SDK_CXX_COMPILER_VERSION}")
    string(REGEX MATCH "^[0-9]+" our_major "${CMAKE_CXX_COMPILER_VERSION}")
    set(problem "")
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL KPPROC_SDK_CXX_COMPILER_ID OR
       NOT our_major STREQUAL sdk_major)
        string(CONCAT problem
               "this project compiles with ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}, "
               "but kpproc was built with ${KPPROC_SDK_CXX_COMPILER_ID} "
               "${KPPROC_SDK_CXX_COMPILER_VERSION}")
    elseif(CMAKE_CXX_FLAGS MATCHES "_GLIBCXX_USE_CXX11_ABI=0|-stdlib=libc\\+\\+|_GLIBCXX_DEBUG")
        set(problem "CMAKE_CXX_FLAGS change the standard library's ABI (${CMAKE_CXX_FLAGS})")
    endif()
    if(problem)
        message(WARNING "kpproc: ${problem}. kpproc will refuse plugins built this way "
                        "(toolchain-mismatch); configure with the same compiler, e.g. "
                        "-DCMAKE_CXX_COMPILER=<the ${KPPROC_SDK_CXX_COMPILER_ID} "
                        "${sdk_major} compiler>.")
    endif()
endfunction()

function(kpproc_add_plugin target)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION"
                          "SOURCES;LINK_LIBRARIES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "kpproc_add_plugin(${target}): SOURCES is required")
    endif()
    include(GNUInstallDirs)
    kpproc_check_toolchain()
    add_library(${target} MODULE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE kpproc::sdk ${ARG_LINK_LIBRARIES})
    if(TARGET kpproc_warnings)
        target_link_libraries(${target} PRIVATE kpproc_warnings)
    endif()
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        # <prefix>/lib/kpproc/plugins -> <prefix>/lib, where libkpproc-sdk lives.
        INSTALL_RPATH "$ORIGIN/../..")
    if(NOT KPPROC_SANITIZE AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
        # Fail at link time, not at load time, when a symbol is missing. (Not with sanitizers:
        # their runtime lives in the host executable, so a module leaves those symbols open.)
        target_link_options(${target} PRIVATE "LINKER:--no-undefined")
    endif()

    if(NOT ARG_OUTPUT_DIRECTORY AND DEFINED KPPROC_PLUGIN_BUILD_DIR)
        set(ARG_OUTPUT_DIRECTORY "${KPPROC_PLUGIN_BUILD_DIR}")
    endif()
    if(ARG_OUTPUT_DIRECTORY)
        set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
    endif()
    if(NOT ARG_INSTALL_DESTINATION)
        set(ARG_INSTALL_DESTINATION "${CMAKE_INSTALL_LIBDIR}/kpproc/plugins")
    endif()
    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION "${ARG_INSTALL_DESTINATION}")
    endif()
endfunction()
