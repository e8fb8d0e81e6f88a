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
function(kpproc_add_plugin target)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION"
                          "SOURCES;LINK_LIBRARIES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "kpproc_add_plugin(${target}): SOURCES is required")
    endif()
    include(GNUInstallDirs)
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
