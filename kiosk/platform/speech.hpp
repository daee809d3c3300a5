// Read aloud: a platform service like the window. Text is synthesised by espeak-ng into a buffer
// and played through ALSA on a thread of its own, so that the UI thread never waits for speech;
// a new request interrupts the one playing (a new screen, the focus moving on).
#pragma once

#include "common/result.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace wardvoice::kiosk::platform {

struct SpeechSettings {
    int rate = 150;   ///< words a minute (espeak-ng takes 80 to 450)
    int volume = 100; ///< per cent of espeak-ng's normal loudness (0 to 200)
    /// The ALSA playback device ("default"; "null" for tests); empty: no read aloud.
    std::string device = "default";
};

/// `text` spoken in `language` (an espeak-ng voice: en, cy, pl, ro, uk, ...) as 16-bit mono
/// samples at sampleRate(). Thread-safe (espeak-ng is used by one caller at a time).
common::Result<std::vector<std::int16_t>>
synthesise(const std::string& language, const std::string& text, const SpeechSettings& settings);
/// The sample rate synthesise() returns (espeak-ng's: 22,050 Hz); 0 before the first call.
int sampleRate();

class Speaker {
public:
    /// Opens the playback device; an error when there is none (the kiosk then offers no read
    /// aloud and nothing waits for it).
    static common::Result<std::unique_ptr<Speaker>> open(SpeechSettings settings);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    /// Speaks `text` in `language` from now, interrupting what is being said. Returns at once.
    void say(const std::string& language, const std::string& text);
    /// Stops speaking at once (the next person, read aloud turned off).
    void stop();
    /// Samples written to the device so far, for the UI tests.
    std::uint64_t samplesPlayed() const { return m_played.load(); }
    /// Whether it is speaking now (synthesising or playing).
    bool speaking() const { return m_speaking.load(); }

private:
    struct Request {
        std::string language;
        std::string text;
    };
    Speaker(SpeechSettings settings, void* pcm);
    void run();

    SpeechSettings m_settings;
    void* m_pcm = nullptr; ///< snd_pcm_t*
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Request> m_next;
    std::uint64_t m_generation = 0; ///< bumped by say() and stop(): what is playing is stale
    bool m_quit = false;
    std::atomic<std::uint64_t> m_played{0};
    std::atomic<bool> m_speaking{false};
    std::thread m_thread;
};

} // namespace wardvoice::kiosk::platform
