#pragma once
// Signing keys at rest: one small JSON file per identity, 0600, in a folder beside the
// library (`<library>.keys/`, 0700), never inside the library file itself: the library is
// what people copy, back up and `triad dump`, and a secret key must never travel with it.
// Several people sharing one school computer each have their own file; each may protect
// theirs with a passphrase (Argon2id "interactive" limits -> crypto_secretbox). Without a
// passphrase the file's permissions are the only protection (said so in the CLI's output).
//
// File: {"format":"triad-key","version":1,"person":"Alice Smith","public_key":"<b64>",
//        "secret_key":"<b64>"}                                     (no passphrase), or
//       {..., "sealed":{"salt":"<b64>","nonce":"<b64>","box":"<b64>","opslimit":N,"memlimit":N}}
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "crypto/signing_key.hpp"

namespace triad::crypto {

struct KeyFileInfo {
  std::filesystem::path path;
  std::string person;  // display name the key belongs to (as in the library)
  PublicKey public_key;
  bool sealed = false;  // needs a passphrase to unlock
};

// Folder of key files for the library at `library_path`.
std::filesystem::path keys_dir_for(const std::filesystem::path& library_path);

// Writes a new key file for `person` (refused when one exists). `passphrase` empty = none.
Result<KeyFileInfo> write_key_file(const std::filesystem::path& dir, const std::string& person, const KeyPair& kp,
                                   const std::string& passphrase);

// Every key file in `dir` (files that are not key files are skipped); empty when none.
Result<std::vector<KeyFileInfo>> list_key_files(const std::filesystem::path& dir);
Result<std::optional<KeyFileInfo>> find_key_file(const std::filesystem::path& dir, const std::string& person);

// Reads the secret key; a sealed file needs the right passphrase (one sentence otherwise).
Result<SecretKey> unlock_key_file(const KeyFileInfo& info, const std::string& passphrase);

}  // namespace triad::crypto
