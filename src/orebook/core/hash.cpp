#include "orebook/core/hash.h"

#include <array>
#include <cstdio>
#include <memory>

#include <openssl/evp.h>

namespace orebook::core {

namespace {

struct ContextFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Context = std::unique_ptr<EVP_MD_CTX, ContextFree>;

Context start() {
  Context c(EVP_MD_CTX_new());
  if (!c || EVP_DigestInit_ex(c.get(), EVP_sha256(), nullptr) != 1) return nullptr;
  return c;
}

std::optional<std::string> finish(EVP_MD_CTX* c) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(c, digest.data(), &size) != 1) return std::nullopt;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Context c = start();
  if (!c || EVP_DigestUpdate(c.get(), bytes.data(), bytes.size()) != 1) return {};
  return finish(c.get()).value_or(std::string());
}

std::optional<std::string> sha256_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return std::nullopt;
  Context c = start();
  if (!c) return std::nullopt;
  std::array<char, 1 << 16> block{};
  std::size_t n = 0;
  while ((n = std::fread(block.data(), 1, block.size(), file.get())) > 0) {
    if (EVP_DigestUpdate(c.get(), block.data(), n) != 1) return std::nullopt;
  }
  if (std::ferror(file.get())) return std::nullopt;
  return finish(c.get());
}

}  // namespace orebook::core
