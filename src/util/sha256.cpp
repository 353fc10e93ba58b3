#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <openssl/evp.h>
#include <unistd.h>

#include <fmt/format.h>

#include <soc2scope/util/sha256.hpp>

namespace soc2scope::util {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_chunk = 1 << 20;

std::string hex(const unsigned char* bytes, unsigned int n) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (unsigned int i = 0; i < n; ++i) {
        out += k_digits[bytes[i] >> 4];
        out += k_digits[bytes[i] & 0xf];
    }
    return out;
}

struct MdCtx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~MdCtx() { EVP_MD_CTX_free(ctx); }
};

} // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    return hex(md, len);
}

Result<std::string, std::string> sha256_file(const fs::path& path) {
    using R = Result<std::string, std::string>;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return R::failure(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    }
    MdCtx md;
    EVP_DigestInit_ex(md.ctx, EVP_sha256(), nullptr);
    std::unique_ptr<char[]> buffer(new char[k_chunk]);
    for (;;) {
        const ssize_t got = ::read(fd, buffer.get(), k_chunk);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int err = errno;
            ::close(fd);
            return R::failure(fmt::format("cannot read {}: {}", path.string(), std::strerror(err)));
        }
        if (got == 0) {
            break;
        }
        EVP_DigestUpdate(md.ctx, buffer.get(), static_cast<std::size_t>(got));
    }
    ::close(fd);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(md.ctx, digest, &len);
    return hex(digest, len);
}

} // namespace soc2scope::util
