// Read aloud with espeak-ng (synthesis into a buffer) and ALSA (playback), off the UI thread.
#include "kiosk/platform/speech.hpp"

#include <algorithm>
#include <alsa/asoundlib.h>
#include <espeak-ng/speak_lib.h>

namespace wardvoice::kiosk::platform {
namespace {

// espeak-ng keeps global state: one synthesis at a time, into the buffer named here.
std::mutex g_espeak;
std::vector<std::int16_t>* g_sink = nullptr;
int g_rate = 0;

int collect(short* wav, int count, espeak_EVENT*) {
    if (wav != nullptr && count > 0 && g_sink != nullptr) {
        g_sink->insert(g_sink->end(), wav, wav + count);
    }
    return 0; // go on
}

/// Starts espeak-ng once (under g_espeak); false when it cannot (no voice data).
bool ready() {
    if (g_rate > 0) {
        return true;
    }
    const int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
        return false;
    }
    espeak_SetSynthCallback(collect);
    g_rate = rate;
    return true;
}

// ALSA's own messages (a missing card) would go to stderr on every start; ours say it once.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}

snd_pcm_t* pcmOf(void* p) {
    return static_cast<snd_pcm_t*>(p);
}

} // namespace

int sampleRate() {
    std::lock_guard lock(g_espeak);
    return ready() ? g_rate : 0;
}

common::Result<std::vector<std::int16_t>>
synthesise(const std::string& language, const std::string& text, const SpeechSettings& settings) {
    std::lock_guard lock(g_espeak);
    if (!ready()) {
        return common::makeError("speech", "espeak-ng could not start (is espeak-ng-data there?)");
    }
    if (espeak_SetVoiceByName(language.c_str()) != EE_OK) {
        return common::makeError("speech_language", "espeak-ng has no voice for " + language);
    }
    espeak_SetParameter(espeakRATE, std::clamp(settings.rate, 80, 450), 0);
    espeak_SetParameter(espeakVOLUME, std::clamp(settings.volume, 0, 200), 0);
    std::vector<std::int16_t> out;
    g_sink = &out;
    const espeak_ERROR done = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                           espeakCHARS_UTF8, nullptr, nullptr);
    g_sink = nullptr;
    if (done != EE_OK) {
        return common::makeError("speech", "espeak-ng could not speak the text");
    }
    return out;
}

common::Result<std::unique_ptr<Speaker>> Speaker::open(SpeechSettings settings) {
    if (settings.device.empty() || settings.device == "none") {
        return common::makeError("speech_off", "read aloud is off (speech_device)");
    }
    const int rate = sampleRate();
    if (rate <= 0) {
        return common::makeError("speech", "espeak-ng could not start");
    }
    snd_lib_error_set_handler(quietAlsa);
    snd_pcm_t* pcm = nullptr;
    if (const int e = snd_pcm_open(&pcm, settings.device.c_str(), SND_PCM_STREAM_PLAYBACK, 0);
        e < 0) {
        return common::makeError("speech_device",
                                 "no sound device '" + settings.device + "': " + snd_strerror(e));
    }
    // 16-bit mono at espeak-ng's rate, resampled by ALSA if the card needs it; 0.2 s of latency
    if (const int e = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                                         static_cast<unsigned>(rate), 1, 200000);
        e < 0) {
        snd_pcm_close(pcm);
        return common::makeError("speech_device", "sound device '" + settings.device +
                                                      "' refused 16-bit mono: " + snd_strerror(e));
    }
    return std::unique_ptr<Speaker>(new Speaker(std::move(settings), pcm));
}

Speaker::Speaker(SpeechSettings settings, void* pcm)
    : m_settings(std::move(settings)), m_pcm(pcm), m_thread([this] { run(); }) {}

Speaker::~Speaker() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        ++m_generation;
    }
    m_wake.notify_all();
    m_thread.join();
    snd_pcm_drop(pcmOf(m_pcm));
    snd_pcm_close(pcmOf(m_pcm));
}

void Speaker::say(const std::string& language, const std::string& text) {
    {
        std::lock_guard lock(m_mutex);
        m_next = Request{language, text};
        ++m_generation;
        m_speaking = true;
    }
    m_wake.notify_all();
}

void Speaker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_next.reset();
        ++m_generation;
    }
    m_wake.notify_all();
}

void Speaker::run() {
    snd_pcm_t* pcm = pcmOf(m_pcm);
    for (;;) {
        Request request;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_quit || m_next.has_value(); });
            if (m_quit) {
                return;
            }
            request = std::move(*m_next);
            m_next.reset();
            generation = m_generation;
        }
        // what an earlier request left in the device's buffer ends now
        snd_pcm_drop(pcm);
        snd_pcm_prepare(pcm);
        const auto samples = synthesise(request.language, request.text, m_settings);
        const auto current = [&] {
            std::lock_guard lock(m_mutex);
            return m_generation == generation && !m_quit;
        };
        if (samples) {
            // a few hundredths of a second at a time, so that a new request interrupts quickly
            constexpr std::size_t kChunk = 1024;
            const std::vector<std::int16_t>& s = samples.value();
            std::size_t at = 0;
            while (at < s.size() && current()) {
                const auto n = static_cast<snd_pcm_uframes_t>(std::min(kChunk, s.size() - at));
                snd_pcm_sframes_t written = snd_pcm_writei(pcm, s.data() + at, n);
                if (written < 0) {
                    written = snd_pcm_recover(pcm, static_cast<int>(written), 1);
                }
                if (written < 0) {
                    break; // the device went away: nothing more to say on it
                }
                at += static_cast<std::size_t>(written);
                m_played += static_cast<std::uint64_t>(written);
            }
        }
        std::lock_guard lock(m_mutex);
        if (!m_next) {
            m_speaking = false;
        }
    }
}

} // namespace wardvoice::kiosk::platform
