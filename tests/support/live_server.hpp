// A real aggregator on 127.0.0.1:<free port> over a ":memory:" store, listening in its own
// thread until stop() or destruction: the in-process server of the API tests.
#pragma once

#include "aggregator/api/server.hpp"
#include "aggregator/store/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <memory>
#include <thread>

namespace wardvoice::testing {

class LiveServer {
public:
    LiveServer() = default;
    LiveServer(const LiveServer&) = delete;
    LiveServer& operator=(const LiveServer&) = delete;
    ~LiveServer() { stop(); }

    /// Starts with `options` (assets from the source tree, no access log); a failure fails the
    /// current test.
    void start(aggregator::ServerOptions options) {
        auto store = aggregator::SqliteStore::open(":memory:");
        ASSERT_TRUE(store.ok());
        m_store = std::make_unique<aggregator::SqliteStore>(std::move(store).value());
        options.assetsDir = WARDVOICE_SOURCE_DIR "/assets";
        options.accessLog = false;
        auto server = aggregator::ApiServer::create(*m_store, options);
        ASSERT_TRUE(server.ok()) << server.error().message;
        m_server = std::move(server).value();
        auto port = m_server->bind("127.0.0.1", 0);
        ASSERT_TRUE(port.ok());
        m_port = port.value();
        m_thread = std::thread([this] { m_server->listen(); });
    }

    void stop() {
        if (m_server) {
            m_server->stop();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
        m_server.reset();
    }

    aggregator::Store& store() { return *m_store; }
    aggregator::ApiServer& server() { return *m_server; }
    /// Fits the themes of what is stored now and waits until every comment has its theme.
    void settleThemes() {
        ASSERT_TRUE(m_server->themes().refitAndWait(std::chrono::seconds(30)))
            << "the theme model did not settle in 30 s";
    }
    int port() const { return m_port; }
    std::size_t openConnections() const { return m_server ? m_server->openConnections() : 0; }

private:
    std::unique_ptr<aggregator::Store> m_store;
    std::unique_ptr<aggregator::ApiServer> m_server;
    std::thread m_thread;
    int m_port = 0;
};

} // namespace wardvoice::testing
