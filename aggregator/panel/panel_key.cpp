// The panel key (see panel_key.hpp).
#include "aggregator/panel/panel_key.hpp"

#include "common/sealed_box.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace wardvoice::aggregator {

using common::fromBase64;
using common::makeError;
using common::toBase64;

common::Result<PanelKey> createPanelKey(const std::string& path) {
    if (sodium_init() < 0) {
        return makeError("crypto", "libsodium could not start");
    }
    PanelKey key{std::string(crypto_box_PUBLICKEYBYTES, '\0'),
                 std::string(crypto_box_SECRETKEYBYTES, '\0')};
    crypto_box_keypair(reinterpret_cast<unsigned char*>(key.publicKey.data()),
                       reinterpret_cast<unsigned char*>(key.secretKey.data()));
    const std::string text =
        "public=" + toBase64(key.publicKey) + "\nsecret=" + toBase64(key.secretKey) + "\n";
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return makeError("cantopen", tmp + ": " + std::strerror(errno));
    }
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    // link, not rename: an existing key file is never replaced
    if (!written || ::link(tmp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        sodium_memzero(key.secretKey.data(), key.secretKey.size());
        if (written && error == EEXIST) {
            return makeError("exists", path +
                                           " exists: keep it (without it no stored volunteer "
                                           "record can be read); remove it first to start again");
        }
        return makeError("cantopen", path + ": " + std::strerror(error));
    }
    ::unlink(tmp.c_str());
    return key;
}

common::Result<PanelKey> loadPanelKey(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return makeError("bad_key_file", path + ": " + std::strerror(errno) +
                                             " (create it with 'wardvoice-aggregator keys init')");
    }
    if ((st.st_mode & 077) != 0) {
        return makeError("bad_key_file", path + " may be read by others: chmod 600 it");
    }
    std::ifstream in(path);
    std::string line;
    PanelKey key;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        auto value = fromBase64(line.substr(eq + 1));
        if (value && line.compare(0, eq, "public") == 0) {
            key.publicKey = value.value();
        } else if (value && line.compare(0, eq, "secret") == 0) {
            key.secretKey = value.value();
        }
    }
    if (key.publicKey.size() != crypto_box_PUBLICKEYBYTES ||
        key.secretKey.size() != crypto_box_SECRETKEYBYTES) {
        return makeError("bad_key_file", path + " holds no panel key pair");
    }
    return key;
}

common::Result<std::string> openSealed(const PanelKey& key, const std::string& sealed) {
    if (sealed.size() < crypto_box_SEALBYTES) {
        return makeError("bad_sealed", "too short to be a sealed box");
    }
    std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                             reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                             reinterpret_cast<const unsigned char*>(key.publicKey.data()),
                             reinterpret_cast<const unsigned char*>(key.secretKey.data())) != 0) {
        return makeError("bad_sealed", "not sealed to this aggregator's panel key");
    }
    return plain;
}

} // namespace wardvoice::aggregator
