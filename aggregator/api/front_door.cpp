// The connection layer under httplib's router: epoll reads, deadlines, limits, TLS, workers.
//
// [SECTION] connection and stream
// [SECTION] set-up and shut-down
// [SECTION] reactor
// [SECTION] workers
#include "aggregator/api/front_door.hpp"

#include "aggregator/api/metrics.hpp"
#include "common/wire.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <optional>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wardvoice::aggregator {

using Clock = std::chrono::steady_clock;

// [SECTION] connection and stream

struct FrontDoor::Connection {
    int fd = -1;
    SSL* ssl = nullptr;
    bool handshakeDone = false;
    bool closing = false; ///< refused: the answer is sent, input is read and dropped until EOF
    std::size_t discarded = 0;
    std::string remoteIp;
    int remotePort = 0;
    std::string localIp;
    int localPort = 0;
    std::string input;
    RequestFramer framer;
    std::string request; ///< the framed request a worker runs
    Clock::time_point deadline;
    std::size_t served = 0;
    std::uint32_t watching = 0;
};

namespace {

/// Waits until `fd` is ready for `events` or `deadline` passes.
bool waitFor(int fd, short events, Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
        return false;
    }
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    return r > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
}

/// Writes all of `data` (blocking up to `deadline`); false on error or time-out.
bool writeAll(FrontDoor::Connection& c, const char* data, std::size_t size,
              Clock::time_point deadline) {
    std::size_t done = 0;
    while (done < size) {
        if (c.ssl != nullptr) {
            ERR_clear_error();
            const int n = SSL_write(c.ssl, data + done, static_cast<int>(size - done));
            if (n > 0) {
                done += static_cast<std::size_t>(n);
                continue;
            }
            const int err = SSL_get_error(c.ssl, n);
            if (err == SSL_ERROR_WANT_WRITE && waitFor(c.fd, POLLOUT, deadline)) {
                continue;
            }
            if (err == SSL_ERROR_WANT_READ && waitFor(c.fd, POLLIN, deadline)) {
                continue;
            }
            return false;
        }
        const ssize_t n = ::send(c.fd, data + done, size - done, MSG_NOSIGNAL);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
            waitFor(c.fd, POLLOUT, deadline)) {
            continue;
        }
        return false;
    }
    return true;
}

/// httplib reads the framed request from memory and writes the answer to the socket.
class FramedStream : public httplib::Stream {
public:
    FramedStream(FrontDoor::Connection& c, Clock::time_point writeDeadline)
        : m_c(c), m_deadline(writeDeadline) {}
    bool is_readable() const override { return m_pos < m_c.request.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, m_c.request.size() - m_pos);
        std::memcpy(ptr, m_c.request.data() + m_pos, n);
        m_pos += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        return writeAll(m_c, ptr, size, m_deadline) ? static_cast<ssize_t>(size) : -1;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_c.remoteIp;
        port = m_c.remotePort;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = m_c.localIp;
        port = m_c.localPort;
    }
    socket_t socket() const override { return m_c.fd; }

private:
    FrontDoor::Connection& m_c;
    Clock::time_point m_deadline;
    std::size_t m_pos = 0;
};

void addressOf(const sockaddr_storage& sa, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (sa.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&sa);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (sa.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&sa);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        port = ntohs(in6->sin6_port);
    }
    ip = text;
}

const char* statusText(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

} // namespace

// [SECTION] set-up and shut-down

FrontDoor::FrontDoor(FrontDoorOptions options) : m_options(std::move(options)) {}

common::Result<std::unique_ptr<FrontDoor>> FrontDoor::create(FrontDoorOptions options) {
    std::unique_ptr<FrontDoor> door(new FrontDoor(std::move(options)));
    FrontDoorOptions& o = door->m_options;
    if (!o.tlsCert.empty() || !o.tlsKey.empty()) {
        SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
        door->m_tls = ctx;
        if (ctx == nullptr || SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
            SSL_CTX_use_certificate_chain_file(ctx, o.tlsCert.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, o.tlsKey.c_str(), SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_check_private_key(ctx) != 1) {
            return common::makeError("bad_config", "cannot load TLS certificate " + o.tlsCert +
                                                       " and key " + o.tlsKey);
        }
        SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
    }
    door->m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    door->m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (door->m_epoll < 0 || door->m_wakeFd < 0) {
        return common::makeError("io", std::string("epoll: ") + std::strerror(errno));
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;
    ::epoll_ctl(door->m_epoll, EPOLL_CTL_ADD, door->m_wakeFd, &ev);
    // httplib's accept loop hands each socket over at once: one thread is plenty.
    door->new_task_queue = [] { return new httplib::ThreadPool(1); };
    door->set_keep_alive_max_count(o.keepAliveMaxRequests);
    door->set_keep_alive_timeout(std::max<time_t>(
        1, std::chrono::duration_cast<std::chrono::seconds>(o.idleTimeout).count()));
    door->set_payload_max_length(o.frame.maxBodyBytes);
    door->m_reactor = std::thread([d = door.get()] { d->reactorLoop(); });
    for (std::size_t i = 0; i < std::max<std::size_t>(1, o.workers); ++i) {
        door->m_workers.emplace_back([d = door.get()] { d->workerLoop(); });
    }
    return door;
}

FrontDoor::~FrontDoor() {
    drain();
    if (m_epoll >= 0) {
        ::close(m_epoll);
    }
    if (m_wakeFd >= 0) {
        ::close(m_wakeFd);
    }
    if (m_tls != nullptr) {
        SSL_CTX_free(m_tls);
    }
}

void FrontDoor::drain() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    wake();
    if (m_reactor.joinable()) {
        m_reactor.join();
    }
    {
        std::lock_guard lock(m_mutex);
        m_workersStop = true;
    }
    m_workReady.notify_all();
    for (auto& t : m_workers) {
        if (t.joinable()) {
            t.join();
        }
    }
    m_workers.clear();
}

void FrontDoor::wake() {
    const std::uint64_t one = 1;
    (void)!::write(m_wakeFd, &one, sizeof one);
}

bool FrontDoor::process_and_close_socket(socket_t sock) {
    {
        std::lock_guard lock(m_mutex);
        m_incoming.push_back(sock);
    }
    wake();
    return true;
}

// [SECTION] reactor

void FrontDoor::watch(Connection* c, std::uint32_t events, bool add) {
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = c;
    ::epoll_ctl(m_epoll, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c->fd, &ev);
    c->watching = events;
}

void FrontDoor::adopt(int fd) {
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    c->framer = RequestFramer(m_options.frame);
    c->deadline = Clock::now() + m_options.idleTimeout;
    sockaddr_storage sa{};
    socklen_t len = sizeof sa;
    ::getpeername(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    addressOf(sa, c->remoteIp, c->remotePort);
    len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    addressOf(sa, c->localIp, c->localPort);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    m_open.fetch_add(1);

    bool overAddress = false;
    bool overTotal = false;
    {
        std::lock_guard lock(m_mutex);
        std::size_t& mine = m_perAddress[c->remoteIp];
        ++mine;
        overAddress = mine > m_options.maxConnectionsPerAddress;
        overTotal = m_open.load() > m_options.maxConnections;
    }
    Connection* raw = c.get();
    m_idle.emplace(raw, std::move(c));
    if (m_tls != nullptr) {
        raw->ssl = SSL_new(m_tls);
        SSL_set_fd(raw->ssl, fd);
        SSL_set_accept_state(raw->ssl);
    }
    watch(raw, EPOLLIN | EPOLLRDHUP, true);
    if (overAddress || overTotal) {
        if (m_tls != nullptr) {
            closeConnection(std::move(m_idle.extract(raw).mapped()));
            return;
        }
        refuse(raw, 503, "too_many_connections",
               overAddress ? "too many connections from this address; retry shortly"
                           : "the server is at its connection limit; retry shortly");
    }
}

void FrontDoor::closeConnection(std::unique_ptr<Connection> c) {
    if (!c) {
        return;
    }
    if (c->ssl != nullptr) {
        if (c->handshakeDone && !c->closing) {
            SSL_shutdown(c->ssl); // best effort, non-blocking
        }
        SSL_free(c->ssl);
    }
    ::close(c->fd); // also removes it from epoll
    {
        std::lock_guard lock(m_mutex);
        auto it = m_perAddress.find(c->remoteIp);
        if (it != m_perAddress.end() && --it->second == 0) {
            m_perAddress.erase(it);
        }
    }
    m_open.fetch_sub(1);
}

void FrontDoor::refuse(Connection* c, int status, const std::string& code,
                       const std::string& detail) {
    const std::string body = common::wire::errorBody(code, detail);
    std::string head =
        "HTTP/1.1 " + std::to_string(status) + " " + statusText(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nConnection: close\r\nCache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\n";
    if (status == 503) {
        head += "Retry-After: 5\r\n";
    }
    const std::string answer = head + "\r\n" + body;
    // The answer is small: it fits the socket buffer, and a client that will not read it
    // loses it rather than holding anything.
    (void)writeAll(*c, answer.data(), answer.size(), Clock::now() + std::chrono::milliseconds(50));
    if (c->ssl == nullptr) {
        ::shutdown(c->fd, SHUT_WR);
        c->closing = true;
        c->input.clear();
        c->deadline = Clock::now() + std::chrono::seconds(2);
        return;
    }
    closeConnection(std::move(m_idle.extract(c).mapped()));
}

void FrontDoor::readInput(Connection* c) {
    const std::size_t cap =
        m_options.frame.maxHeadBytes + 2 * m_options.frame.maxBodyBytes + 128 * 1024;
    char buf[16 * 1024];
    while (true) {
        ssize_t n = 0;
        if (c->ssl != nullptr) {
            ERR_clear_error();
            const int r = SSL_read(c->ssl, buf, sizeof buf);
            if (r <= 0) {
                const int err = SSL_get_error(c->ssl, r);
                if (err == SSL_ERROR_WANT_READ) {
                    return;
                }
                if (err == SSL_ERROR_WANT_WRITE) {
                    watch(c, EPOLLOUT | EPOLLRDHUP, false);
                    return;
                }
                closeConnection(std::move(m_idle.extract(c).mapped()));
                return;
            }
            n = r;
        } else {
            n = ::recv(c->fd, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                return;
            }
            if (n <= 0) {
                closeConnection(std::move(m_idle.extract(c).mapped()));
                return;
            }
        }
        if (c->closing) {
            // Refused: drop what it still sends (as much as a request may hold, for at most
            // the two seconds of the deadline), so that it reads the answer instead of a
            // reset, then hang up.
            c->discarded += static_cast<std::size_t>(n);
            if (c->discarded > cap) {
                closeConnection(std::move(m_idle.extract(c).mapped()));
                return;
            }
            continue;
        }
        const bool wasStarted = c->framer.started();
        c->input.append(buf, static_cast<std::size_t>(n));
        frame(c);
        if (!m_idle.contains(c) || c->closing) {
            return;
        }
        if (!wasStarted && c->framer.started()) {
            c->deadline = Clock::now() + m_options.requestDeadline;
        }
        if (c->input.size() > cap) {
            refuse(c, 413, "payload_too_large", "the request is too large");
            return;
        }
    }
}

void FrontDoor::frame(Connection* c) {
    switch (c->framer.advance(c->input)) {
    case RequestFramer::State::NeedMore:
        if (c->framer.wantsContinue()) {
            static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
            (void)writeAll(*c, kContinue, sizeof kContinue - 1,
                           Clock::now() + std::chrono::milliseconds(50));
            c->framer.continueSent();
        }
        return;
    case RequestFramer::State::Refused: {
        const FrameRefusal r = c->framer.refusal();
        refuse(c, r.status, r.code, r.detail);
        return;
    }
    case RequestFramer::State::Ready:
        dispatch(c);
        return;
    }
}

void FrontDoor::dispatch(Connection* c) {
    c->request = c->framer.request();
    c->input.erase(0, c->framer.consumed());
    c->framer.reset();
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
    c->watching = 0;
    auto owned = std::move(m_idle.extract(c).mapped());
    {
        std::lock_guard lock(m_mutex);
        ++m_busy;
        m_work.push_back(std::move(owned));
    }
    m_workReady.notify_one();
}

void FrontDoor::onEvent(Connection* c, std::uint32_t events) {
    if (c->ssl != nullptr && !c->handshakeDone) {
        ERR_clear_error();
        const int r = SSL_do_handshake(c->ssl);
        if (r == 1) {
            c->handshakeDone = true;
        } else {
            const int err = SSL_get_error(c->ssl, r);
            if (err == SSL_ERROR_WANT_READ) {
                watch(c, EPOLLIN | EPOLLRDHUP, false);
            } else if (err == SSL_ERROR_WANT_WRITE) {
                watch(c, EPOLLOUT | EPOLLRDHUP, false);
            } else {
                closeConnection(std::move(m_idle.extract(c).mapped()));
            }
            return;
        }
    }
    if ((c->watching & EPOLLOUT) != 0) {
        watch(c, EPOLLIN | EPOLLRDHUP, false);
    }
    if ((events & (EPOLLIN | EPOLLOUT | EPOLLHUP | EPOLLERR | EPOLLRDHUP)) != 0) {
        readInput(c);
    }
}

void FrontDoor::sweep(Clock::time_point now) {
    std::vector<Connection*> late;
    for (auto& [raw, c] : m_idle) {
        if (now >= c->deadline) {
            late.push_back(raw);
        }
    }
    for (Connection* c : late) {
        if (c->framer.started() && !c->closing) {
            refuse(c, 408, "request_timeout",
                   "the request did not arrive whole within " +
                       std::to_string(m_options.requestDeadline.count() / 1000) + " s");
        } else {
            closeConnection(std::move(m_idle.extract(c).mapped()));
        }
    }
}

void FrontDoor::reactorLoop() {
    std::vector<epoll_event> events(128);
    auto lastSweep = Clock::now();
    std::optional<Clock::time_point> stopSince;
    while (true) {
        const int n = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), 100);
        for (int i = 0; i < n; ++i) {
            auto* c = static_cast<Connection*>(events[static_cast<std::size_t>(i)].data.ptr);
            if (c == nullptr) {
                std::uint64_t v = 0;
                (void)!::read(m_wakeFd, &v, sizeof v);
                continue;
            }
            if (m_idle.contains(c)) {
                onEvent(c, events[static_cast<std::size_t>(i)].events);
            }
        }
        std::vector<int> incoming;
        std::vector<std::unique_ptr<Connection>> returned;
        bool stopping = false;
        std::size_t busy = 0;
        {
            std::lock_guard lock(m_mutex);
            incoming.swap(m_incoming);
            returned.swap(m_returned);
            stopping = m_stopping;
            busy = m_busy;
        }
        for (int fd : incoming) {
            adopt(fd);
        }
        for (auto& c : returned) {
            Connection* raw = c.get();
            m_idle.emplace(raw, std::move(c));
            watch(raw, EPOLLIN | EPOLLRDHUP, true);
            if (!raw->input.empty()) {
                frame(raw); // a pipelined request already here
                if (m_idle.contains(raw) && raw->framer.started() && !raw->closing) {
                    raw->deadline = Clock::now() + m_options.requestDeadline;
                }
            }
            if (m_idle.contains(raw) && raw->ssl != nullptr && !raw->closing) {
                readInput(raw); // TLS may hold records already taken off the socket
            }
        }
        const auto now = Clock::now();
        if (now - lastSweep >= std::chrono::milliseconds(100)) {
            sweep(now);
            lastSweep = now;
        }
        if (stopping) {
            if (!stopSince) {
                stopSince = now;
            }
            // Idle connections go now; half-received ones get a short grace.
            std::vector<Connection*> done;
            for (auto& [raw, c] : m_idle) {
                if (!c->framer.started() || c->closing ||
                    now - *stopSince > std::chrono::seconds(2)) {
                    done.push_back(raw);
                }
            }
            for (Connection* c : done) {
                closeConnection(std::move(m_idle.extract(c).mapped()));
            }
            if (m_idle.empty() && busy == 0) {
                return;
            }
        }
    }
}

// [SECTION] workers

void FrontDoor::workerLoop() {
    while (true) {
        std::unique_ptr<Connection> c;
        {
            std::unique_lock lock(m_mutex);
            m_workReady.wait(lock, [this] { return m_workersStop || !m_work.empty(); });
            if (m_work.empty()) {
                return;
            }
            c = std::move(m_work.front());
            m_work.pop_front();
        }
        handle(std::move(c));
    }
}

void FrontDoor::handle(std::unique_ptr<Connection> c) {
    bool stopping = false;
    {
        std::lock_guard lock(m_mutex);
        stopping = m_stopping;
    }
    const bool closeAfter = stopping || c->served + 1 >= m_options.keepAliveMaxRequests;
    bool closedByClient = false;
    FramedStream stream(*c, Clock::now() + m_options.writeTimeout);
    markRequestStart(); // the request has arrived whole: its time in /metrics starts now
    const bool ok = process_request(stream, closeAfter, closedByClient, nullptr);
    ++c->served;
    c->request.clear();
    c->request.shrink_to_fit();
    const bool keep = ok && !closeAfter && !closedByClient;
    if (!keep) {
        closeConnection(std::move(c));
    } else {
        c->deadline = Clock::now() + m_options.idleTimeout;
    }
    {
        std::lock_guard lock(m_mutex);
        --m_busy;
        if (keep) {
            m_returned.push_back(std::move(c));
        }
    }
    wake();
}

} // namespace wardvoice::aggregator
