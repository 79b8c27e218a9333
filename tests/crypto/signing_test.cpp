// Ed25519 through libsodium against RFC 8032's test vectors, fingerprints, key files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/key_file.hpp"
#include "crypto/signing_key.hpp"

namespace fs = std::filesystem;
using namespace triad::crypto;

namespace {

std::vector<std::uint8_t> unhex(const std::string& h) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

std::string b64(const std::string& hex) {
  auto b = unhex(hex);
  return base64_encode(b.data(), b.size());
}

struct Vector {
  const char* seed;
  const char* pk;
  const char* msg;
  const char* sig;
};
// RFC 8032 section 7.1, TEST 1 and TEST 2.
const Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
};

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("triad_keys_" + std::to_string(::getpid()) + "_" + std::to_string(rand()));
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST(Signing_Rfc8032, KnownAnswers) {
  for (const auto& v : kRfc8032) {
    auto seed = unhex(v.seed);
    auto kp = key_pair_from_seed(seed.data());
    ASSERT_TRUE(kp);
    EXPECT_EQ(to_base64(kp->public_key), b64(v.pk));
    auto m = unhex(v.msg);
    std::string msg(m.begin(), m.end());
    EXPECT_EQ(sign(kp->secret_key, msg), b64(v.sig));
    EXPECT_TRUE(verify(kp->public_key, msg, b64(v.sig)));
    EXPECT_FALSE(verify(kp->public_key, msg + "x", b64(v.sig)));
  }
}

TEST(Signing_Verify, RefusesOtherKeysAndDamagedSignatures) {
  auto a = generate_key_pair(), b = generate_key_pair();
  ASSERT_TRUE(a && b);
  const std::string sig = sign(a->secret_key, "hello");
  EXPECT_TRUE(verify(a->public_key, "hello", sig));
  EXPECT_FALSE(verify(b->public_key, "hello", sig));
  std::string bent = sig;
  bent[3] = bent[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify(a->public_key, "hello", bent));
  EXPECT_FALSE(verify(a->public_key, "hello", sig.substr(1)));
  EXPECT_FALSE(verify(a->public_key, "hello", ""));
  EXPECT_FALSE(public_key_from_base64("not a key").has_value());
  EXPECT_TRUE(public_key_from_base64(to_base64(a->public_key)).has_value());
  EXPECT_EQ(a->secret_key.public_key(), a->public_key);
}

TEST(Signing_Fingerprint, SixGroupsOfFiveDigitsStablePerKey) {
  auto seed = unhex(kRfc8032[0].seed);
  auto kp = key_pair_from_seed(seed.data());
  ASSERT_TRUE(kp);
  const std::string fp = fingerprint(kp->public_key);
  ASSERT_EQ(fp.size(), 6u * 5 + 5);
  for (std::size_t i = 0; i < fp.size(); ++i) EXPECT_TRUE(i % 6 == 5 ? fp[i] == ' ' : std::isdigit(fp[i])) << fp;
  EXPECT_EQ(fp, fingerprint(kp->public_key));
  auto other = generate_key_pair();
  EXPECT_NE(fp, fingerprint(other->public_key));
}

TEST(KeyFile_Plain, WrittenOwnerOnlyAndUnlocks) {
  TempDir dir;
  auto kp = generate_key_pair();
  auto info = write_key_file(dir.path, "Alice Smith", *kp, "");
  ASSERT_TRUE(info) << info.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(info->path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto sk = unlock_key_file(*info, "");
  ASSERT_TRUE(sk) << sk.error().message;
  EXPECT_EQ(sign(*sk, "m"), sign(kp->secret_key, "m"));
  EXPECT_FALSE(write_key_file(dir.path, "Alice Smith", *kp, ""));  // one key per person
  auto found = find_key_file(dir.path, "Alice Smith");
  ASSERT_TRUE(found && *found);
  EXPECT_FALSE((*found)->sealed);
}

TEST(KeyFile_Sealed, NeedsTheRightPassphraseAndHoldsNoPlainKey) {
  TempDir dir;
  auto kp = generate_key_pair();
  auto info = write_key_file(dir.path, "Bob", *kp, "correct horse");
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_TRUE(info->sealed);
  std::ifstream in(info->path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text.find(base64_encode(kp->secret_key.data(), kSecretKeyBytes)), std::string::npos);
  EXPECT_EQ(text.find("secret_key"), std::string::npos);
  auto none = unlock_key_file(*info, "");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("passphrase"), std::string::npos);
  auto wrong = unlock_key_file(*info, "wrong");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("Wrong passphrase"), std::string::npos);
  auto right = unlock_key_file(*info, "correct horse");
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(right->public_key(), kp->public_key);
}

TEST(KeyFile_People, SeveralPeopleEachKeepTheirOwn) {
  TempDir dir;
  auto a = generate_key_pair(), b = generate_key_pair();
  ASSERT_TRUE(write_key_file(dir.path, "Alice", *a, ""));
  ASSERT_TRUE(write_key_file(dir.path, "Bob", *b, "pw"));
  auto all = list_key_files(dir.path);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].person, "Alice");
  EXPECT_EQ((*all)[1].person, "Bob");
  EXPECT_EQ((*all)[1].public_key, b->public_key);
}
