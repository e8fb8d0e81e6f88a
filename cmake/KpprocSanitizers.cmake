# KPPROC_SANITIZE=address,undefined builds everything (SDK, framework, plugins, tests) with the
# sanitizers, so a plugin loaded by the host is checked as well as the host itself.
set(KPPROC_SANITIZE "" CACHE STRING "Comma-separated sanitizers, e.g. address,undefined")
if(KPPROC_SANITIZE)
    add_compile_options(-fsanitize=${KPPROC_SANITIZE} -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${KPPROC_SANITIZE})
endif()
