// The staff side's work runs on a few threads of lower CPU priority: however many people read
// at once, kiosk uploads (answered on the normal workers) keep their share of the cores, and at
// most this many views compete with them.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace wardvoice::aggregator {

class ViewPool {
public:
    /// `threads` view threads at `niceness` (0 = the process's own priority).
    ViewPool(std::size_t threads, int niceness);
    ViewPool(const ViewPool&) = delete;
    ViewPool& operator=(const ViewPool&) = delete;
    ~ViewPool();

    /// Runs `work` on a view thread and returns when it is done (exceptions come back here).
    void run(const std::function<void()>& work);

private:
    struct Job {
        const std::function<void()>* work;
        std::exception_ptr failure;
        bool done = false;
    };
    void serve(int niceness);

    std::mutex m_mutex;
    std::condition_variable m_queued;
    std::condition_variable m_finished;
    std::deque<Job*> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

/// Lowers the calling thread's CPU priority (Linux: niceness is per thread).
void lowerThreadPriority(int niceness);

} // namespace wardvoice::aggregator
