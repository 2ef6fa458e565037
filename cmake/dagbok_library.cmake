# dagbok_library(NAME SRCS a.cc b.cc DEPS other_module ...)
#
# Declares one module of libdagbok as an object library. A module may only
# depend on the modules listed in DEPS; tests/layering_test.sh checks that no
# source file includes a header from a module it does not declare.
set(DAGBOK_MODULES "" CACHE INTERNAL "")
function(dagbok_library NAME)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;LIBS" ${ARGN})
  add_library(dagbok_${NAME} OBJECT ${ARG_SRCS})
  target_include_directories(dagbok_${NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(dagbok_${NAME} PUBLIC dagbok_${dep})
  endforeach()
  if(ARG_LIBS)
    target_link_libraries(dagbok_${NAME} PUBLIC ${ARG_LIBS})
  endif()
  set(DAGBOK_MODULES ${DAGBOK_MODULES} ${NAME} CACHE INTERNAL "")
  set_property(GLOBAL APPEND PROPERTY DAGBOK_MODULE_DEPS "${NAME}:${ARG_DEPS}")
endfunction()
