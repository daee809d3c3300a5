// The aggregator's connection layer: one epoll thread reads every request whole (with a
// deadline and hard size limits) before a worker sees it, so slow or idle clients never hold
// a worker; httplib's router then runs the request from memory.
#pragma once

#include "aggregator/api/request_framer.hpp"
#include "common/result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <httplib.h>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct ssl_ctx_st;

namespace wardvoice::aggregator {

struct FrontDoorOptions {
    FrameLimits frame;
    /// From a request's first byte to its last: a client trickling bytes is cut off here.
    std::chrono::milliseconds requestDeadline{10'000};
    /// A new or kept-alive connection with no request started is closed after this.
    std::chrono::milliseconds idleTimeout{5'000};
    /// Writing one response.
    std::chrono::milliseconds writeTimeout{10'000};
    std::size_t maxConnectionsPerAddress = 64;
    std::size_t maxConnections = 4'000;
    std::size_t keepAliveMaxRequests = 1'000;
    std::size_t workers = 32; ///< requests handled at once
    std::string tlsCert;      ///< PEM files; both set means HTTPS
    std::string tlsKey;
};

class FrontDoor : public httplib::Server {
public:
    struct Connection;

    static common::Result<std::unique_ptr<FrontDoor>> create(FrontDoorOptions options);
    ~FrontDoor() override;
    FrontDoor(const FrontDoor&) = delete;
    FrontDoor& operator=(const FrontDoor&) = delete;

    /// After listen has returned: requests being handled finish and are answered, idle and
    /// half-received connections are closed, the threads are joined.
    void drain();

    /// Connections open now (for tests and metrics).
    std::size_t openConnections() const { return m_open.load(); }

private:
    explicit FrontDoor(FrontDoorOptions options);

    bool process_and_close_socket(socket_t sock) override;

    void reactorLoop();
    void workerLoop();
    void adopt(int fd);
    void onEvent(Connection* c, std::uint32_t events);
    void readInput(Connection* c);
    void frame(Connection* c);
    void dispatch(Connection* c);
    void refuse(Connection* c, int status, const std::string& code, const std::string& detail);
    void closeConnection(std::unique_ptr<Connection> c);
    void sweep(std::chrono::steady_clock::time_point now);
    void watch(Connection* c, std::uint32_t events, bool add);
    void wake();
    void handle(std::unique_ptr<Connection> c);

    FrontDoorOptions m_options;
    ssl_ctx_st* m_tls = nullptr;
    int m_epoll = -1;
    int m_wakeFd = -1;
    std::thread m_reactor;
    std::vector<std::thread> m_workers;

    // Owned by the reactor thread only.
    std::unordered_map<Connection*, std::unique_ptr<Connection>> m_idle;

    // Hand-offs between threads.
    std::mutex m_mutex;
    std::condition_variable m_workReady;
    std::deque<std::unique_ptr<Connection>> m_work;
    std::vector<std::unique_ptr<Connection>> m_returned;
    std::vector<int> m_incoming;
    std::map<std::string, std::size_t> m_perAddress;
    std::size_t m_busy = 0; ///< connections with a worker
    bool m_stopping = false;
    bool m_workersStop = false;
    std::atomic<std::size_t> m_open{0};
};

} // namespace wardvoice::aggregator
