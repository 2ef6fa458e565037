#include "crypto/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "crypto/internal/sodium.h"

namespace dagbok::crypto {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

// Decodes base64 in any of libsodium's four variants; nullopt when none fits.
std::optional<std::vector<unsigned char>> decode_base64(std::string_view text) {
  const int variants[] = {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                          sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING};
  std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
  for (int variant : variants) {
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                          variant) == 0 &&
        end == text.data() + text.size()) {
      out.resize(len);
      return out;
    }
  }
  return std::nullopt;
}

std::string encode_base64(const unsigned char* data, std::size_t size) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(size, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Result<MasterKey> read_key_file(const std::filesystem::path& key_file) {
  Fd fd(::open(key_file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) return not_found("the key file " + key_file.string() + " does not exist");
    return failed_precondition("cannot read the key file " + key_file.string() + ": " + errno_text(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return failed_precondition("cannot inspect the key file " + key_file.string() + ": " +
                               errno_text(errno));
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return failed_precondition("the key file " + key_file.string() +
                               " can be read by other users (mode " + mode +
                               "); restrict it with: chmod 600 " + key_file.string());
  }
  std::string content;
  char buf[256];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed_precondition("cannot read the key file " + key_file.string() + ": " +
                                 errno_text(errno));
    }
    if (n == 0) break;
    content.append(buf, static_cast<std::size_t>(n));
    if (content.size() > 4096) break;
  }
  Result<MasterKey> key = MasterKey::parse(trim(content));
  sodium_memzero(content.data(), content.size());
  sodium_memzero(buf, sizeof buf);
  if (!key) return std::move(key).error().with_context("in the key file " + key_file.string());
  return key;
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed_precondition(errno_text(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok_status();
}

// Writes the key to a private temporary file and links it into place, so a
// reader never sees a half-written key and two creators cannot both win.
Result<bool> create_key_file(const std::filesystem::path& key_file, const MasterKey& key) {
  unsigned char rnd[8];
  randombytes_buf(rnd, sizeof rnd);
  char suffix[2 * sizeof rnd + 1];
  sodium_bin2hex(suffix, sizeof suffix, rnd, sizeof rnd);
  std::filesystem::path tmp = key_file;
  tmp += std::string(".tmp-") + suffix;

  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    return failed_precondition("cannot create the key file " + key_file.string() + ": " +
                               errno_text(errno));
  }
  std::string text = key.to_base64() + "\n";
  Status written = write_all(fd.get(), text);
  sodium_memzero(text.data(), text.size());
  if (written.ok() && ::fsync(fd.get()) != 0) written = failed_precondition(errno_text(errno));
  ::close(fd.release());
  if (!written.ok()) {
    ::unlink(tmp.c_str());
    return std::move(written).error().with_context("cannot write the key file " + key_file.string());
  }
  int rc = ::link(tmp.c_str(), key_file.c_str());
  int err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST) return false;  // someone else created it first
    return failed_precondition("cannot create the key file " + key_file.string() + ": " +
                               errno_text(err));
  }
  return true;
}

}  // namespace

MasterKey::MasterKey(MasterKey&& other) noexcept : bytes_(other.bytes_) {
  sodium_memzero(other.bytes_.data(), other.bytes_.size());
}

MasterKey& MasterKey::operator=(MasterKey&& other) noexcept {
  if (this != &other) {
    bytes_ = other.bytes_;
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
  }
  return *this;
}

MasterKey::~MasterKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<MasterKey> MasterKey::parse(std::string_view text) {
  TRY(internal::ensure_sodium());
  MasterKey key;
  if (text.size() == 2 * kSize) {
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(key.bytes_.data(), key.bytes_.size(), text.data(), text.size(), nullptr,
                       &len, &end) == 0 &&
        len == kSize && end == text.data() + text.size()) {
      return key;
    }
  }
  if (auto bytes = decode_base64(text)) {
    bool right_size = bytes->size() == kSize;
    if (right_size) std::memcpy(key.bytes_.data(), bytes->data(), kSize);
    sodium_memzero(bytes->data(), bytes->size());
    if (right_size) return key;
  }
  return invalid_argument(
      "the master key must be 32 bytes written as 64 hex digits or as base64 "
      "(e.g. the output of: openssl rand -base64 32)");
}

Result<MasterKey> MasterKey::generate() {
  TRY(internal::ensure_sodium());
  MasterKey key;
  crypto_secretbox_keygen(key.bytes_.data());
  return key;
}

Result<MasterKey> MasterKey::load(const Env& env, const std::filesystem::path& key_file,
                                  MissingKey missing) {
  if (std::optional<std::string> text = env(kMasterKeyEnv); text && !text->empty()) {
    Result<MasterKey> key = parse(trim(*text));
    sodium_memzero(text->data(), text->size());
    if (!key) return std::move(key).error().with_context(std::string(kMasterKeyEnv));
    return key;
  }
  return load_or_create_file(key_file, missing);
}

Result<MasterKey> MasterKey::load_or_create_file(const std::filesystem::path& key_file,
                                                 MissingKey missing) {
  Result<MasterKey> existing = read_key_file(key_file);
  if (existing || existing.error().code() != ErrorCode::kNotFound) return existing;
  if (missing == MissingKey::kFail) {
    return not_found("no master key: set " + std::string(kMasterKeyEnv) + " or provide the key file " +
                     key_file.string());
  }
  ASSIGN_OR_RETURN(MasterKey key, generate());
  ASSIGN_OR_RETURN(bool created, create_key_file(key_file, key));
  if (created) return key;
  return read_key_file(key_file);
}

std::string MasterKey::to_base64() const { return encode_base64(bytes_.data(), bytes_.size()); }

Result<std::string> SecretBox::seal(std::string_view plaintext) const {
  TRY(internal::ensure_sodium());
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, key_.data());
  return std::string(kPrefix) + encode_base64(box.data(), box.size());
}

Result<std::string> SecretBox::open(std::string_view sealed) const {
  TRY(internal::ensure_sodium());
  if (!is_sealed(sealed)) {
    return invalid_argument("not a sealed secret: it must start with \"" + std::string(kPrefix) + "\"");
  }
  std::optional<std::vector<unsigned char>> box = decode_base64(sealed.substr(kPrefix.size()));
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return invalid_argument("the sealed secret is damaged (not valid base64, or too short); seal it again");
  }
  const unsigned char* nonce = box->data();
  const unsigned char* cipher = box->data() + crypto_secretbox_NONCEBYTES;
  std::size_t cipher_len = box->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), cipher, cipher_len,
                                 nonce, key_.data()) != 0) {
    return failed_precondition(
        "the sealed secret cannot be opened: it was sealed under a different master key, "
        "or it was altered. Seal the secret again with the current key (dagbok secret seal)");
  }
  return plain;
}

bool SecretBox::is_sealed(std::string_view value) { return value.substr(0, kPrefix.size()) == kPrefix; }

Result<std::string> reveal_secret(std::string_view value, const SecretBox* box, std::string_view what) {
  if (!SecretBox::is_sealed(value)) return std::string(value);
  if (box == nullptr) {
    return failed_precondition(std::string(what) +
                               " is sealed, but no master key was provided to open it (set " +
                               std::string(kMasterKeyEnv) + " or keep the key file beside the database)");
  }
  Result<std::string> plain = box->open(value);
  if (!plain) return std::move(plain).error().with_context(what);
  return plain;
}

Result<std::string> seal_secret(const Env& env, const std::filesystem::path& key_file,
                                std::string_view plaintext) {
  ASSIGN_OR_RETURN(MasterKey key, MasterKey::load(env, key_file, MissingKey::kCreate));
  SecretBox box(std::move(key));
  return box.seal(plaintext);
}

}  // namespace dagbok::crypto
