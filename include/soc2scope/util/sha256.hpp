#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <soc2scope/util/result.hpp>

namespace soc2scope::util {

// SHA-256 as lower-case hex (OpenSSL's EVP).
std::string sha256_hex(std::string_view data);

// The same of a file, read in fixed-size chunks so multi-gigabyte logs never sit in memory.
Result<std::string, std::string> sha256_file(const std::filesystem::path& path);

} // namespace soc2scope::util
