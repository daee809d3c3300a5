// Test helper: a child process started with fork/exec, stopped by signal, always reaped.
#pragma once

#include <csignal>
#include <string>
#include <vector>

namespace wardvoice::test {

class Process {
public:
    /// Starts `argv[0]` with the arguments; stdout and stderr go to `logPath` (appended).
    Process(const std::vector<std::string>& argv, const std::string& logPath);
    ~Process(); ///< SIGKILLs and reaps if still running
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    void signal(int sig);
    /// Waits up to `seconds` for exit; returns the exit status, or -1 on time-out.
    int wait(double seconds);
    bool running();
    int pid() const { return m_pid; }

private:
    int m_pid = -1;
    bool m_reaped = false;
};

/// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

/// Polls `condition` every 50 ms until it holds or `seconds` pass.
template <typename F> bool eventually(F condition, double seconds);

} // namespace wardvoice::test

#include <chrono>
#include <thread>

template <typename F> bool wardvoice::test::eventually(F condition, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}
