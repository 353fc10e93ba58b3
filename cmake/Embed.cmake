# soc2scope_embed(TARGET target NAME symbol FILE path): compiles the bytes of `path` into
# `target` as `std::string_view soc2scope::embedded::symbol()`. The schema and the starter
# templates ship inside the binary so `soc2scope schema` prints the exact bytes of the file
# in the repository, with nothing to find at run time.
set(SOC2SCOPE_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake")

function(soc2scope_embed)
  cmake_parse_arguments(E "" "TARGET;NAME;FILE" "" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${E_NAME}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${E_FILE} -DOUT=${out} -DNAME=${E_NAME} -P ${SOC2SCOPE_EMBED_SCRIPT}
    DEPENDS "${E_FILE}" "${SOC2SCOPE_EMBED_SCRIPT}"
    COMMENT "Embedding ${E_FILE}"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
