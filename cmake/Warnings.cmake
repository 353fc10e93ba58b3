option(SOC2SCOPE_WERROR "Treat warnings as errors" OFF)

add_library(soc2scope_warnings INTERFACE)
target_compile_options(soc2scope_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
                                                    -Woverloaded-virtual -Wconversion -Wsign-conversion
                                                    -Wimplicit-fallthrough)
if(SOC2SCOPE_WERROR)
  target_compile_options(soc2scope_warnings INTERFACE -Werror)
endif()
