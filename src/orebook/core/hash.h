#pragma once
// SHA-256 (FIPS 180-4) through OpenSSL's EVP interface: what a document says
// of the files it was made from (the Notes sheet of a workbook, the footer of
// an HTML report), so a reader can tell which inputs gave it.

#include <optional>
#include <string>
#include <string_view>

namespace orebook::core {

// The digest of `bytes` in lower-case hexadecimal (64 characters).
std::string sha256_hex(std::string_view bytes);
// The digest of a file's bytes, read in blocks; nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::string& path);

}  // namespace orebook::core
