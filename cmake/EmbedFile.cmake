# Script mode: IN, OUT, NAME. Writes the file as a byte array so no raw-string delimiter or
# string-literal length limit can bite.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN}; do not edit.\n#include <string_view>\n\nnamespace soc2scope::embedded {\nnamespace {\nconstexpr unsigned char k_bytes[] = {\n${bytes}0x00};\n}\nstd::string_view ${NAME}() {\n    return {reinterpret_cast<const char*>(k_bytes), ${size}};\n}\n} // namespace soc2scope::embedded\n")
file(RENAME "${OUT}.tmp" "${OUT}")
