#include "crypto/key_file.hpp"

#include <fcntl.h>
#include <algorithm>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace triad::crypto {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Zeroes a string's bytes before it goes (it held key material).
struct Wipe {
  std::string& s;
  ~Wipe() { sodium_memzero(s.data(), s.size()); }
};

Error key_error(const fs::path& p, const std::string& why) {
  return make_error("Key file " + p.string() + " " + why + ".");
}

std::string random_name() {
  std::uint8_t b[8];
  randombytes_buf(b, sizeof b);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return std::string(hex) + ".key";
}

// Derives the secretbox key from a passphrase (Argon2id, libsodium's interactive limits).
bool derive(const std::string& passphrase, const std::uint8_t* salt, unsigned long long ops, std::size_t mem,
            std::uint8_t* out) {
  return crypto_pwhash(out, crypto_secretbox_KEYBYTES, passphrase.data(), passphrase.size(), salt, ops, mem,
                       crypto_pwhash_ALG_ARGON2ID13) == 0;
}

Result<KeyFileInfo> read_info(const fs::path& p, json* whole) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return key_error(p, "cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  Wipe wipe{text};
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != "triad-key")
    return key_error(p, "is not a Triad key file");
  if (j.value("version", 0) != 1) return key_error(p, "has a version this Triad does not read");
  KeyFileInfo info;
  info.path = p;
  info.person = j.value("person", "");
  auto pk = public_key_from_base64(j.value("public_key", ""));
  if (!pk || info.person.empty()) return key_error(p, "is damaged (no person or public key)");
  info.public_key = *pk;
  info.sealed = j.contains("sealed");
  if (whole) *whole = std::move(j);
  return info;
}

}  // namespace

fs::path keys_dir_for(const fs::path& library_path) {
  fs::path p = library_path;
  p += ".keys";
  return p;
}

Result<KeyFileInfo> write_key_file(const fs::path& dir, const std::string& person, const KeyPair& kp,
                                   const std::string& passphrase) {
  if (!sodium_ready()) return make_error("The signing library (libsodium) could not start.");
  auto existing = find_key_file(dir, person);
  if (!existing) return existing.error();
  if (*existing)
    return make_error(person + " already has a signing key in " + dir.string() + " (fingerprint " +
                      fingerprint((*existing)->public_key) + ").");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error("Cannot create the key folder " + dir.string() + ": " + ec.message() + ".", ErrorKind::kIoError);
  ::chmod(dir.c_str(), 0700);

  json j = {{"format", "triad-key"}, {"version", 1}, {"person", person}, {"public_key", to_base64(kp.public_key)}};
  if (passphrase.empty()) {
    j["secret_key"] = base64_encode(kp.secret_key.data(), kSecretKeyBytes);
  } else {
    std::uint8_t salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    const unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const std::size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    SecretKey box_key;  // locked, zeroed memory; only the first 32 bytes are used
    if (!derive(passphrase, salt, ops, mem, box_key.data()))
      return make_error("The passphrase could not be turned into a key (out of memory).");
    std::uint8_t box[crypto_secretbox_MACBYTES + kSecretKeyBytes];
    crypto_secretbox_easy(box, kp.secret_key.data(), kSecretKeyBytes, nonce, box_key.data());
    j["sealed"] = {{"salt", base64_encode(salt, sizeof salt)},
                   {"nonce", base64_encode(nonce, sizeof nonce)},
                   {"box", base64_encode(box, sizeof box)},
                   {"opslimit", ops},
                   {"memlimit", mem}};
  }
  std::string text = j.dump(2) + "\n";
  Wipe wipe{text};
  if (j.contains("secret_key")) {
    auto& s = j["secret_key"].get_ref<std::string&>();
    sodium_memzero(s.data(), s.size());
  }
  const fs::path path = dir / random_name();
  // O_EXCL + 0600 from the start: the key is never readable by others, not even briefly.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return key_error(path, "cannot be created");
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      ::unlink(path.c_str());
      return key_error(path, "could not be written");
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(path.c_str());
    return key_error(path, "could not be saved to disk");
  }
  return KeyFileInfo{path, person, kp.public_key, !passphrase.empty()};
}

Result<std::vector<KeyFileInfo>> list_key_files(const fs::path& dir) {
  std::vector<KeyFileInfo> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".key") continue;
    auto info = read_info(e.path(), nullptr);
    if (info) out.push_back(std::move(*info));
  }
  if (ec) return make_error("Cannot list the key folder " + dir.string() + ": " + ec.message() + ".", ErrorKind::kIoError);
  std::sort(out.begin(), out.end(), [](const KeyFileInfo& a, const KeyFileInfo& b) { return a.person < b.person; });
  return out;
}

Result<std::optional<KeyFileInfo>> find_key_file(const fs::path& dir, const std::string& person) {
  auto all = list_key_files(dir);
  if (!all) return all.error();
  for (auto& k : *all)
    if (k.person == person) return std::optional<KeyFileInfo>(std::move(k));
  return std::optional<KeyFileInfo>();
}

Result<SecretKey> unlock_key_file(const KeyFileInfo& info, const std::string& passphrase) {
  if (!sodium_ready()) return make_error("The signing library (libsodium) could not start.");
  json j;
  auto again = read_info(info.path, &j);
  if (!again) return again.error();
  SecretKey sk;
  if (!j.contains("sealed")) {
    if (!j.contains("secret_key") || !j["secret_key"].is_string()) return key_error(info.path, "holds no secret key");
    auto& s = j["secret_key"].get_ref<std::string&>();
    Wipe wipe{s};
    if (!base64_decode(s, sk.data(), kSecretKeyBytes)) return key_error(info.path, "holds a damaged secret key");
  } else {
    const json& sealed = j["sealed"];
    std::uint8_t salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
    std::uint8_t box[crypto_secretbox_MACBYTES + kSecretKeyBytes];
    if (!sealed.is_object() || !base64_decode(sealed.value("salt", ""), salt, sizeof salt) ||
        !base64_decode(sealed.value("nonce", ""), nonce, sizeof nonce) ||
        !base64_decode(sealed.value("box", ""), box, sizeof box) || !sealed.value("opslimit", json()).is_number_unsigned() ||
        !sealed.value("memlimit", json()).is_number_unsigned())
      return key_error(info.path, "holds a damaged sealed key");
    const auto ops = sealed["opslimit"].get<unsigned long long>();
    const auto mem = sealed["memlimit"].get<std::size_t>();
    // Refuse limits a tampered file could use to make unlocking take forever or all memory.
    if (ops > crypto_pwhash_OPSLIMIT_SENSITIVE || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
      return key_error(info.path, "asks for unreasonable passphrase work");
    if (passphrase.empty()) return make_error(info.person + "'s signing key is protected by a passphrase; give it to unlock the key.");
    SecretKey box_key;
    if (!derive(passphrase, salt, ops, mem, box_key.data()))
      return make_error("The passphrase could not be turned into a key (out of memory).");
    if (crypto_secretbox_open_easy(sk.data(), box, sizeof box, nonce, box_key.data()) != 0)
      return make_error("Wrong passphrase for " + info.person + "'s signing key.");
  }
  if (!(sk.public_key() == info.public_key)) return key_error(info.path, "holds a secret key that does not match its public key");
  return sk;
}

}  // namespace triad::crypto
