// Staff views on lower-priority threads.
#include "aggregator/api/view_pool.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace wardvoice::aggregator {

void lowerThreadPriority(int niceness) {
    if (niceness > 0) {
        const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
        (void)::setpriority(PRIO_PROCESS, tid, ::getpriority(PRIO_PROCESS, tid) + niceness);
    }
}

ViewPool::ViewPool(std::size_t threads, int niceness) {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i) {
        m_threads.emplace_back([this, niceness] { serve(niceness); });
    }
}

ViewPool::~ViewPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_queued.notify_all();
    for (auto& t : m_threads) {
        t.join();
    }
}

void ViewPool::run(const std::function<void()>& work) {
    Job job{&work, nullptr, false};
    std::unique_lock lock(m_mutex);
    m_jobs.push_back(&job);
    m_queued.notify_one();
    m_finished.wait(lock, [&] { return job.done; });
    if (job.failure) {
        std::rethrow_exception(job.failure);
    }
}

void ViewPool::serve(int niceness) {
    lowerThreadPriority(niceness);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty()) {
            return; // stopping, and nothing is left to do
        }
        Job* job = m_jobs.front();
        m_jobs.pop_front();
        lock.unlock();
        try {
            (*job->work)();
        } catch (...) {
            job->failure = std::current_exception();
        }
        lock.lock();
        job->done = true;
        m_finished.notify_all();
    }
}

} // namespace wardvoice::aggregator
