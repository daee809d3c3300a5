// Request signing against vectors computed independently (RFC 4231, and OpenSSL's own CLI).
#include "common/signing.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace wardvoice::common {
namespace {

TEST(Signing, Sha256KnownAnswers) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Signing, HmacRfc4231TestCase2) {
    EXPECT_EQ(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signing, CanonicalRequestLayout) {
    EXPECT_EQ(canonicalRequest(1795428900, "POST", "/api/v1/submissions", "abc"),
              "1795428900\nPOST\n/api/v1/submissions\n"
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/// Computes the same signature with the openssl command-line tool, independently of our code.
std::string opensslSignature(const std::string& secret, const std::string& message) {
    const std::string path = ::testing::TempDir() + "/wv_sign_msg.txt";
    {
        std::ofstream out(path, std::ios::binary);
        out << message;
    }
    const std::string cmd = "openssl dgst -sha256 -hmac '" + secret + "' -r < '" + path + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) {
        return {};
    }
    std::array<char, 256> buf{};
    std::string output;
    while (fgets(buf.data(), buf.size(), pipe) != nullptr) {
        output += buf.data();
    }
    pclose(pipe);
    return output.substr(0, output.find(' '));
}

TEST(Signing, SignatureMatchesOpensslCli) {
    const std::string secret = "3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3";
    const std::string body = R"({"kiosk_id":"k-7f3a","submissions":[]})";
    const std::string message =
        std::to_string(1795428900) + "\nPOST\n/api/v1/submissions\n" + sha256Hex(body);
    const std::string expected = opensslSignature(secret, message);
    if (expected.size() != 64) {
        GTEST_SKIP() << "openssl command-line tool not available";
    }
    EXPECT_EQ(signRequest(secret, 1795428900, "POST", "/api/v1/submissions", body), expected);
}

TEST(Signing, DocumentedExampleVector) {
    // docs/protocol.md's worked example, computed there with sha256sum and openssl dgst
    EXPECT_EQ(signRequest("3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3",
                          1795428900, "POST", "/api/v1/submissions",
                          R"({"kiosk_id":"k-7f3a","submissions":[]})"),
              "29e1489ff457f774222cedae632d2761c5e0aa8ebfcd571674ebca9b13306177");
}

TEST(Signing, SignatureChangesWithEveryInput) {
    const std::string base = signRequest("s", 100, "POST", "/p", "b");
    EXPECT_NE(signRequest("t", 100, "POST", "/p", "b"), base);
    EXPECT_NE(signRequest("s", 101, "POST", "/p", "b"), base);
    EXPECT_NE(signRequest("s", 100, "GET", "/p", "b"), base);
    EXPECT_NE(signRequest("s", 100, "POST", "/q", "b"), base);
    EXPECT_NE(signRequest("s", 100, "POST", "/p", "c"), base);
}

TEST(Signing, ConstantTimeCompare) {
    EXPECT_TRUE(signaturesEqual("abcd", "abcd"));
    EXPECT_FALSE(signaturesEqual("abcd", "abce"));
    EXPECT_FALSE(signaturesEqual("abcd", "abc"));
}

TEST(Signing, SecretsAreFreshHex) {
    const std::string a = newSecret();
    const std::string b = newSecret();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

} // namespace
} // namespace wardvoice::common
