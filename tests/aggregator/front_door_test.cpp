// The connection layer under attack, with real sockets on loopback: slow clients, idle
// keep-alive, oversized and ambiguous bodies, pipelining. Kiosks and staff keep being served.
#include "aggregator/api/server.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "support/live_server.hpp"
#include "support/signed_post.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace wardvoice::aggregator {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

/// A raw client socket from `source` (any 127.x.y.z is this machine) to the server.
class RawClient {
public:
    RawClient(int port, const char* source = "127.0.0.1") {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source, &from.sin_addr);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
    }
    ~RawClient() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return m_connected; }
    bool send(const std::string& bytes) {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    /// Everything received until the peer closes or `seconds` pass.
    std::string readAll(double seconds) {
        return readUntil(seconds, [](const std::string&) { return false; });
    }
    /// Waits for at least `count` "HTTP/1.1 " status lines.
    std::string readResponses(std::size_t count, double seconds) {
        return readUntil(seconds, [count](const std::string& out) {
            std::size_t n = 0;
            for (std::size_t p = out.find("HTTP/1.1 "); p != std::string::npos;
                 p = out.find("HTTP/1.1 ", p + 1)) {
                ++n;
            }
            return n >= count;
        });
    }

private:
    template <typename Done> std::string readUntil(double seconds, Done done) {
        std::string out;
        const auto end = Clock::now() + std::chrono::duration<double>(seconds);
        char buf[4096];
        while (Clock::now() < end && !done(out)) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) {
                continue;
            }
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                break;
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }

    int m_fd = -1;
    bool m_connected = false;
};

class FrontDoorTest : public ::testing::Test {
protected:
    void start(ServerOptions options) {
        ASSERT_NO_FATAL_FAILURE(m_live.start(options));
        auto kiosk = m_live.store().addKiosk("ward-7", "test");
        ASSERT_TRUE(kiosk.ok());
        m_kiosk = kiosk.value();
    }

    std::string signedBatch(std::size_t commentBytes) const {
        json s = {
            {"id", common::newUuid()},   {"created_at", common::formatRfc3339(common::nowUnix())},
            {"ward", "ward-7"},          {"respondent", "patient"},
            {"topic", "general"},        {"rating", 2},
            {"answers", json::object()}, {"comment", std::string(commentBytes, 'a')},
            {"language", "en"}};
        return json{{"kiosk_id", m_kiosk.kioskId}, {"submissions", json::array({s})}}.dump();
    }

    std::string signedHead(const std::string& body, const std::string& framing) const {
        const std::int64_t ts = common::nowUnix();
        return "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: "
               "application/json\r\n" +
               std::string(common::kHeaderKiosk) + ": " + m_kiosk.kioskId + "\r\n" +
               common::kHeaderTimestamp + ": " + std::to_string(ts) + "\r\n" +
               common::kHeaderSignature + ": " +
               common::signRequest(m_kiosk.secret, ts, "POST", "/api/v1/submissions", body) +
               "\r\n" + framing + "\r\n";
    }

    /// One signed kiosk upload over a fresh connection; returns its status and duration.
    std::pair<int, double> kioskUpload() {
        const std::string body = signedBatch(40);
        const auto t0 = Clock::now();
        auto r = testing::postSigned(m_live.port(), m_kiosk, body);
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        return {r ? r->status : -1, s};
    }

    std::pair<int, double> staffRequest() {
        const auto t0 = Clock::now();
        httplib::Client client("127.0.0.1", m_live.port());
        client.set_connection_timeout(5);
        client.set_read_timeout(5);
        // a session look-up, not a login: what is timed is the front door, not Argon2
        auto r = client.Get(
            "/api/v1/me", {{"Authorization", "Bearer not-a-token-" + std::to_string(++m_logins)}});
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        return {r ? r->status : -1, s};
    }

    testing::LiveServer m_live;
    KioskRecord m_kiosk;
    int m_logins = 0;
};

TEST_F(FrontDoorTest, HundredTricklingClientsHoldNoWorker) {
    ServerOptions options;
    options.threads = 4; // far fewer workers than slow clients
    options.maxConnectionsPerAddress = 200;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < 100; ++i) {
        slow.push_back(std::make_unique<RawClient>(m_live.port(), "127.0.0.2"));
        ASSERT_TRUE(slow.back()->connected());
        ASSERT_TRUE(slow.back()->send("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n"));
    }
    // While they trickle one byte each every 300 ms, kiosks and staff are answered at once.
    double worst = 0;
    std::string times;
    for (int round = 0; round < 6; ++round) {
        for (auto& c : slow) {
            c->send("X");
        }
        const auto [kioskStatus, kioskS] = kioskUpload();
        const auto [staffStatus, staffS] = staffRequest();
        EXPECT_EQ(kioskStatus, 200);
        EXPECT_EQ(staffStatus, 401);
        worst = std::max({worst, kioskS, staffS});
        times += " kiosk " + std::to_string(kioskS) + " s, staff " + std::to_string(staffS) + " s;";
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    // Held behind the slow clients, a request would wait for their 10 s deadline; 2 s leaves
    // room for a machine busy with other builds (the CI runs the sanitizer build beside this).
    EXPECT_LT(worst, 2.0) << "a request waited behind the slow clients:" << times;
    EXPECT_EQ(m_live.store().countSubmissions().value(), 6);
}

TEST_F(FrontDoorTest, ARequestTricklingPastItsDeadlineIsCutOffWith408) {
    ServerOptions options;
    options.requestDeadlineMs = 1'000;
    ASSERT_NO_FATAL_FAILURE(start(options));
    RawClient c(m_live.port());
    ASSERT_TRUE(c.send("GET /api/v1/ping HTTP/1.1\r\n"));
    const auto t0 = Clock::now();
    std::string got;
    // Each byte would restart a per-read timeout; the deadline counts from the first byte.
    for (int i = 0; i < 20 && got.empty(); ++i) {
        c.send("X");
        got = c.readAll(0.1);
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    EXPECT_NE(got.find("HTTP/1.1 408"), std::string::npos) << got;
    EXPECT_NE(got.find("request_timeout"), std::string::npos);
    EXPECT_LT(s, 1.6);
}

TEST_F(FrontDoorTest, IdleConnectionsAreClosedAndHoldNoWorker) {
    ServerOptions options;
    options.threads = 2;
    options.idleTimeoutMs = 800;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < 20; ++i) {
        idle.push_back(std::make_unique<RawClient>(m_live.port(), "127.0.0.3"));
        // a kept-alive connection after one request, and one that never says anything
        idle.back()->send(i % 2 == 0 ? "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n" : "");
    }
    EXPECT_EQ(kioskUpload().first, 200);
    for (auto& c : idle) {
        c->readAll(1.5); // returns when the server closes it
    }
    const auto deadline = Clock::now() + std::chrono::seconds(3);
    while (Clock::now() < deadline && m_live.openConnections() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(m_live.openConnections(), 0u);
}

TEST_F(FrontDoorTest, ConnectionsPerAddressAreCapped) {
    ServerOptions options;
    options.maxConnectionsPerAddress = 8;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<RawClient>(m_live.port(), "127.0.0.4"));
        held.back()->send("GET /api/v1/ping HTTP/1.1\r\n");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    RawClient ninth(m_live.port(), "127.0.0.4");
    const std::string refused = ninth.readAll(2);
    EXPECT_NE(refused.find("HTTP/1.1 503"), std::string::npos) << refused;
    EXPECT_NE(refused.find("too_many_connections"), std::string::npos);
    EXPECT_EQ(kioskUpload().first, 200); // another address is served
}

TEST_F(FrontDoorTest, ChunkedBodiesCannotPassTheLimit) {
    ASSERT_NO_FATAL_FAILURE(start({}));
    // 64 x 1 MiB chunks to the login: refused once the second chunk is announced.
    {
        RawClient c(m_live.port());
        ASSERT_TRUE(c.send("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                           "application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        const std::string chunk = "100000\r\n" + std::string(0x100000, 'a') + "\r\n";
        std::size_t sent = 0;
        for (int i = 0; i < 64 && c.send(chunk); ++i) {
            sent += chunk.size();
        }
        const std::string got = c.readAll(3);
        EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got.substr(0, 200);
        EXPECT_LT(sent, 40u * 0x100000u) << "the server kept reading a refused body";
    }
    // A signed batch of 1,060,843 bytes, chunked: 413, nothing stored.
    {
        const std::string body = signedBatch(1'060'843 - signedBatch(0).size());
        ASSERT_EQ(body.size(), 1'060'843u);
        RawClient c(m_live.port());
        std::string req = signedHead(body, "Transfer-Encoding: chunked\r\n");
        for (std::size_t off = 0; off < body.size(); off += 65536) {
            const std::string piece = body.substr(off, 65536);
            char size[16];
            std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
            req += size + piece + "\r\n";
        }
        req += "0\r\n\r\n";
        c.send(req);
        const std::string got = c.readAll(3);
        EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got.substr(0, 200);
        EXPECT_EQ(m_live.store().countSubmissions().value(), 0);
    }
    // The same batch under the limit, chunked, is accepted: chunked is framing, not a refusal.
    {
        const std::string body = signedBatch(200);
        RawClient c(m_live.port());
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", body.size());
        c.send(signedHead(body, "Transfer-Encoding: chunked\r\nConnection: close\r\n") + size +
               body + "\r\n0\r\n\r\n");
        const std::string got = c.readAll(3);
        EXPECT_NE(got.find("HTTP/1.1 200"), std::string::npos) << got.substr(0, 300);
        EXPECT_EQ(m_live.store().countSubmissions().value(), 1);
    }
}

TEST_F(FrontDoorTest, AmbiguousOrOversizedHeadsAreRefusedOverTheWire) {
    ASSERT_NO_FATAL_FAILURE(start({}));
    const std::string body = signedBatch(10);
    struct Case {
        std::string request;
        const char* status;
    };
    std::string manyHeaders = "GET /api/v1/ping HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i) {
        manyHeaders += "X-" + std::to_string(i) + ": 1\r\n";
    }
    const std::vector<Case> cases = {
        {signedHead(body, "Content-Length: " + std::to_string(body.size()) +
                              "\r\nTransfer-Encoding: chunked\r\n") +
             body,
         "HTTP/1.1 400"},
        {signedHead(body, "Content-Length: " + std::to_string(body.size()) +
                              "\r\nContent-Length: " + std::to_string(body.size() + 1) + "\r\n") +
             body,
         "HTTP/1.1 400"},
        {manyHeaders + "\r\n", "HTTP/1.1 431"},
        {"GET /api/v1/ping HTTP/1.1\r\nX-Big: " + std::string(17 * 1024, 'b') + "\r\n\r\n",
         "HTTP/1.1 431"},
    };
    for (const Case& c : cases) {
        RawClient client(m_live.port());
        client.send(c.request);
        const std::string got = client.readAll(2);
        EXPECT_EQ(got.substr(0, 12), c.status) << c.request.substr(0, 120);
    }
    EXPECT_EQ(m_live.store().countSubmissions().value(), 0);
}

TEST_F(FrontDoorTest, PipelinedRequestsAreAllAnswered) {
    ASSERT_NO_FATAL_FAILURE(start({}));
    RawClient c(m_live.port());
    c.send("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/ping HTTP/1.1\r\nHost: "
           "x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string got = c.readResponses(3, 3);
    const auto first = got.find("HTTP/1.1 200");
    const auto second = got.find("HTTP/1.1 200", first + 1);
    const auto third = got.find("HTTP/1.1 404", second + 1);
    EXPECT_NE(first, std::string::npos) << got;
    EXPECT_NE(second, std::string::npos) << got;
    EXPECT_NE(third, std::string::npos) << got;
}

} // namespace
} // namespace wardvoice::aggregator
