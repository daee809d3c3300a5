// wardvoice-kiosk: the ward's fullscreen feedback terminal.
#include "common/safeguarding.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"
#include "kiosk/admin_gate.hpp"
#include "kiosk/config.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/outbox.hpp"
#include "kiosk/platform/font_texture.hpp"
#include "kiosk/platform/speech.hpp"
#include "kiosk/platform/window.hpp"
#include "kiosk/questions.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "kiosk/tap_guard.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/volunteers.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <imgui.h>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#ifndef WARDVOICE_DEFAULT_ASSETS
#define WARDVOICE_DEFAULT_ASSETS "assets"
#endif

namespace {

using namespace wardvoice;
using namespace wardvoice::kiosk;

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) {
    g_stop = 1;
}

int fail(const std::string& message) {
    std::cerr << "wardvoice-kiosk: " << message << "\n";
    return 1;
}

struct Args {
    std::string config;
    std::string assets = WARDVOICE_DEFAULT_ASSETS;
    int width = 0;
    int height = 0;
    bool syncOnly = false;
};

/// The installed package's assets (PREFIX/share/wardvoice-kiosk beside PREFIX/bin), if any.
std::optional<std::string> installedAssets() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) {
        return std::nullopt;
    }
    const auto dir = exe.parent_path().parent_path() / "share" / "wardvoice-kiosk";
    if (!std::filesystem::exists(dir / "kiosk" / "questions.json", ec)) {
        return std::nullopt;
    }
    return dir.string();
}

bool parseArgs(int argc, char** argv, Args& args, std::string& error) {
    if (const char* env = std::getenv("WARDVOICE_ASSETS")) {
        args.assets = env;
    } else if (auto installed = installedAssets()) {
        args.assets = *installed;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--config" && hasValue) {
            args.config = argv[++i];
        } else if (a == "--assets" && hasValue) {
            args.assets = argv[++i];
        } else if (a == "--windowed" && hasValue) {
            if (std::sscanf(argv[++i], "%dx%d", &args.width, &args.height) != 2 ||
                args.width < 320 || args.height < 240 || args.width > 7680 || args.height > 4320) {
                error = "--windowed takes WIDTHxHEIGHT, e.g. 1280x800";
                return false;
            }
        } else if (a == "--sync-only") {
            args.syncOnly = true;
        } else if (a == "--help" || a == "-h") {
            error = "usage: wardvoice-kiosk --config FILE [--windowed WxH] [--assets DIR] "
                    "[--sync-only]";
            return false;
        } else {
            error = "unknown argument '" + a +
                    "'; usage: wardvoice-kiosk --config FILE [--windowed WxH]";
            return false;
        }
    }
    if (args.config.empty()) {
        error = "--config FILE is required";
        return false;
    }
    return true;
}

/// Stores in the outbox, then tells the sync worker there is something to send.
class OutboxAndWake final : public SubmissionSink {
public:
    OutboxAndWake(Outbox& outbox, SyncWorker& worker) : m_outbox(outbox), m_worker(worker) {}
    common::Status store(const common::Submission& submission) override {
        auto s = m_outbox.store(submission);
        if (s) {
            m_worker.wake();
        }
        return s;
    }

private:
    Outbox& m_outbox;
    SyncWorker& m_worker;
};

/// The next person starts as the kiosk came: standard text and colours, the keyboard's letters.
void resetForNextPerson(const Flow& flow, std::uint64_t& lastPerson, ui::UiContext& ctx,
                        ui::CommentBuffer& comment, int& framesToDraw, platform::Speaker* speaker,
                        bool easyReadDefault) {
    if (flow.state().person == lastPerson) {
        return;
    }
    lastPerson = flow.state().person;
    ctx.largeText = false;
    ctx.highContrast = false;
    ctx.readAloud = false;
    ctx.easyRead = easyReadDefault;
    if (speaker != nullptr) {
        speaker->stop();
    }
    comment = ui::CommentBuffer{};
    framesToDraw = std::max(framesToDraw, 3);
}

/// For UI tests: what is on screen and where each control is, replaced atomically each frame.
void writeTrace(const std::string& path, long frame, const Flow& flow,
                const std::vector<ui::TraceItem>& items, int width, int height, bool large,
                bool contrast, bool easyRead, bool readAloud, std::uint64_t speechSamples,
                const std::string& speechText) {
    const auto quoted = [](const std::string& text) {
        std::string out = "\"";
        for (const char c : text) {
            if (c == '"' || c == '\\') {
                out.push_back('\\');
            }
            if (c == '\n') {
                out += "\\n";
            } else if (static_cast<unsigned char>(c) >= 0x20) {
                out.push_back(c);
            }
        }
        return out + "\"";
    };
    std::string json =
        "{\"frame\": " + std::to_string(frame) + ", \"screen\": \"" +
        screenName(flow.state().screen) + "\", \"question\": " + std::to_string(flow.page()) +
        ", \"language\": \"" + flow.state().draft.language +
        "\", \"idle_warning\": " + (flow.state().idleWarning ? "true" : "false") +
        ", \"large_text\": " + (large ? "true" : "false") +
        ", \"high_contrast\": " + (contrast ? "true" : "false") +
        ", \"easy_read\": " + (easyRead ? "true" : "false") +
        ", \"read_aloud\": " + (readAloud ? "true" : "false") +
        ", \"speech_samples\": " + std::to_string(speechSamples) +
        ", \"speech_text\": " + quoted(speechText) +
        ", \"comment_chars\": " + std::to_string(common::utf8::length(flow.state().draft.comment)) +
        ", \"width\": " + std::to_string(width) + ", \"height\": " + std::to_string(height) +
        ", \"items\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const ui::TraceItem& t = items[i];
        json += (i ? ", " : "") + std::string("{\"id\": ") + quoted(t.id) +
                ", \"x\": " + std::to_string(t.x) + ", \"y\": " + std::to_string(t.y) +
                ", \"w\": " + std::to_string(t.w) + ", \"h\": " + std::to_string(t.h) +
                ", \"focused\": " + (t.focused ? "true" : "false") + "}";
    }
    json += "]}\n";
    const std::string tmp = path + ".tmp";
    if (FILE* f = std::fopen(tmp.c_str(), "w")) {
        std::fputs(json.c_str(), f);
        std::fclose(f);
        std::rename(tmp.c_str(), path.c_str());
    }
}

long long wallClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double monotonicSeconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

/// The question set: the aggregator's (cached) when there is one, else the shipped default.
common::Result<QuestionSet> loadQuestions(const KioskConfig& config, const std::string& assets) {
    const std::string cached = config.dataDir + "/questions-cache.json";
    if (std::filesystem::exists(cached)) {
        auto set = loadQuestionSet(cached);
        if (set) {
            return set;
        }
        std::cerr << "wardvoice-kiosk: ignoring cached questions: " << set.error().message << "\n";
    }
    return loadQuestionSet(assets + "/kiosk/questions.json");
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    std::string error;
    if (!parseArgs(argc, argv, args, error)) {
        return fail(error);
    }
    auto config = loadConfig(args.config);
    if (!config) {
        return fail(config.error().message);
    }
    auto translations = Translations::load(args.assets + "/i18n", config->languages);
    if (!translations) {
        return fail(translations.error().message);
    }
    auto questions = loadQuestions(config.value(), args.assets);
    if (!questions) {
        return fail(questions.error().message);
    }
    // The safeguarding screen's model: without it the review screen's hint uses the patterns.
    if (auto s = common::SafeguardingScreen::loadModel(args.assets + "/models/screen.wvs"); !s) {
        std::cerr << "wardvoice-kiosk: warning: " << s.error().message << "\n";
    }
    auto outbox = Outbox::open(config->dataDir);
    if (!outbox) {
        return fail(outbox.error().message);
    }
    FlowSettings settings;
    settings.ward = config->ward;
    settings.defaultLanguage = config->languages.front();
    settings.idleTimeoutS = config->idleTimeoutS;
    settings.ratingSendS = config->ratingSendS;
    settings.submitIntervalS = config->submitIntervalS;
    SyncWorker sync(config.value(), outbox.value(), syncSettingsFor(config.value()));
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    if (args.syncOnly) {
        // No window: only deliver what is queued (a kiosk whose screen has failed, or tests).
        sync.start();
        while (g_stop == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        sync.stop();
        return 0;
    }
    OutboxAndWake sink(outbox.value(), sync);
    Flow flow(settings, std::move(questions).value(), sink, [] { return common::nowUnix(); });
    // volunteers for the panel: sealed to the panel key before the outbox sees them
    SealingVolunteerSink volunteers(outbox.value(), config->panelSendDelayMinS,
                                    config->panelSendDelayMaxS, [] { return common::nowUnix(); });
    flow.setVolunteerSink(&volunteers);
    std::string panelKeyProblem;
    std::optional<std::string> sealingKey; ///< the key volunteers are sealed to now (base64)

    auto window = platform::createWindow({args.width, args.height});
    if (!window) {
        return fail(window.error().message);
    }
    sync.start();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk writes no imgui.ini
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window.value(), true);
    io.KeyMap[ImGuiKey_Tab] = -1; // Tab belongs to the focus ring (platform::takeTabSteps)
    ImGui_ImplOpenGL3_Init("#version 130");
    // Shaders now, so that the backend's first NewFrame does not replace our font texture.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    unsigned int fontTexture = 0; ///< ours (one byte per texel), or 0 while the backend's

    AdminGate admin(config->adminPinSha256);
    ui::UiContext ctx;
    ctx.admin = &admin;
    ctx.tr = &translations.value();
    ctx.languages = config->languages;
    ctx.helpNow = config->helpNow;
    ctx.panelConsent = config->panelConsent;
    // Read aloud, when the kiosk has a sound device (a missing one only hides the button)
    std::unique_ptr<platform::Speaker> speaker;
    if (auto opened = platform::Speaker::open(
            {config->speechRate, config->speechVolume, config->speechDevice})) {
        speaker = std::move(opened).value();
    } else {
        std::cerr << "wardvoice-kiosk: read aloud off: " << opened.error().message << "\n";
    }
    ctx.speechAvailable = speaker != nullptr;
    ctx.children = config->audience == "children";
    ctx.easyRead = config->easyRead;
    std::string spokenPage;  ///< language, screen and page last read from the top
    std::string spokenFocus; ///< the label the focus was on when last read
    std::string spokenLast;  ///< what was last given to the speaker (for the UI tests)
    bool readAloudStarted = false;
    ui::CommentBuffer comment;
    ui::FocusRing focus;
    ctx.focus = &focus;
    const char* traceEnv = std::getenv("WARDVOICE_UI_TRACE");
    const std::string tracePath = traceEnv != nullptr ? traceEnv : "";
    const std::string fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    // 12 mm targets: at the density kiosk.toml gives, else the monitor's, never below 133 ppi
    const float screenPpi = config->screenPpi > 0
                                ? static_cast<float>(config->screenPpi)
                                : platform::monitorPpi(window.value()).value_or(ui::kBaselinePpi);
    std::cerr << "wardvoice-kiosk: touch targets at "
              << ui::metricsFor(800, 480, false, screenPpi).target << " px (12 mm at "
              << std::max(screenPpi, ui::kBaselinePpi) << " pixels per inch)\n";
    float loadedFontPx = 0;
    int framesToDraw = 3;
    long frames = 0;
    Screen lastScreen = flow.state().screen;
    std::uint64_t lastPerson = flow.state().person;
    /// the screen and page (question, details field) of the last frame drawn
    std::optional<std::pair<Screen, std::size_t>> drawnPage;
    TapGuard tapGuard;
    long lastRotation = 0;
    std::pair<long, long> countdownsShown; ///< the rating's and "wait to send"'s, in seconds
    bool wasSpeaking = false;
    double speechFrameAt = 0;
    int framesUnshown = 0; ///< frames built in a row but not shown (see "Echo within one frame")
    std::unique_ptr<std::ofstream> frameLog;
    if (const char* path = std::getenv("WARDVOICE_UI_FRAMES"); path != nullptr) {
        frameLog = std::make_unique<std::ofstream>(path, std::ios::app);
    }

    while (g_stop == 0) {
        // Event-driven: sleep until input, or poll only while something changes on screen.
        if (framesToDraw > 0) {
            glfwPollEvents();
        } else {
            // a countdown on screen (idle, the rating sent alone) ticks each second
            glfwWaitEventsTimeout(flow.state().idleWarning || flow.state().screen == Screen::More ||
                                          flow.state().sendWait > 0 ||
                                          (speaker && speaker->speaking()) ||
                                          admin.heldFor(monotonicSeconds()) > 0
                                      ? 0.25
                                      : 0.5);
        }
        if (platform::takeEventCount() > 0) {
            framesToDraw = std::max(framesToDraw, 3);
        }
        const std::uint64_t tapsEnded = platform::pointerReleases(); // before this frame
        const double now = monotonicSeconds();
        // While it speaks, a frame four times a second (and one when it stops): the trace
        // follows the sound; nothing else needs drawing for it.
        if (const bool speakingNow = speaker && speaker->speaking();
            (speakingNow && now - speechFrameAt >= 0.25) || speakingNow != wasSpeaking) {
            framesToDraw = std::max(framesToDraw, 1);
            speechFrameAt = now;
            wasSpeaking = speakingNow;
        }
        // the administrator's corner: a 5 s hold on the top-left opens the PIN pad
        {
            double mx = 0;
            double my = 0;
            glfwGetCursorPos(window.value(), &mx, &my);
            const double corner = std::max(72.0, static_cast<double>(ctx.metrics.buttonHeight));
            const bool pressed =
                glfwGetMouseButton(window.value(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS &&
                mx >= 0 && my >= 0 && mx < corner && my < corner;
            const bool wasOpen = admin.pinPadOpen();
            admin.update(pressed, now);
            if (admin.pinPadOpen() != wasOpen) {
                framesToDraw = std::max(framesToDraw, 3);
            }
        }
        const bool warningBefore = flow.state().idleWarning;
        flow.tick(now);
        if (flow.state().screen != lastScreen || flow.state().idleWarning || warningBefore) {
            framesToDraw = std::max(framesToDraw, 2);
        }
        if (const auto left = std::pair(static_cast<long>(std::ceil(flow.ratingSendCountdown(now))),
                                        static_cast<long>(std::ceil(flow.state().sendWait)));
            left != countdownsShown) {
            countdownsShown = left; // "sent in 14 seconds", then 13: a frame each
            framesToDraw = std::max(framesToDraw, 2);
        }
        resetForNextPerson(flow, lastPerson, ctx, comment, framesToDraw, speaker.get(),
                           config->easyRead);
        const SyncStatus syncStatus = sync.status();
        // "You said, we did", in the person's language where the ward wrote it: redraw when the
        // messages change, expire or rotate (8 s each), or another language is chosen.
        {
            auto messages =
                activeMessages(syncStatus.messages, common::nowUnix(), flow.state().draft.language);
            const long rotation = static_cast<long>(now / 8.0);
            if (messages != ctx.youSaidWeDid || (messages.size() > 1 && rotation != lastRotation)) {
                framesToDraw = std::max(framesToDraw, 2);
            }
            ctx.youSaidWeDid = std::move(messages);
            lastRotation = rotation;
        }
        // "Help us choose": the ward's choices as the config has them now
        {
            std::vector<ui::ChoiceText> choices;
            std::vector<std::int64_t> items;
            for (auto& [item, title] :
                 choiceTitles(syncStatus.choices, flow.state().draft.language)) {
                items.push_back(item);
                choices.push_back({item, std::move(title)});
            }
            if (choices != ctx.choices) {
                framesToDraw = std::max(framesToDraw, 2);
                ctx.choices = std::move(choices);
                flow.setChoices(std::move(items));
            }
        }
        {
            const std::string& lang = flow.state().draft.language;
            const auto in = [&](const std::map<std::string, std::string>& texts) {
                const auto own = texts.find(lang);
                return own != texts.end() ? own->second : texts.at("en");
            };
            std::vector<ui::ProgressText> progress;
            for (const WardProgress& p : syncStatus.progress) {
                progress.push_back({in(p.said), in(p.doing), p.status});
            }
            if (progress != ctx.progress) {
                framesToDraw = std::max(framesToDraw, 2);
                ctx.progress = std::move(progress);
            }
        }
        // Joining the panel: only with a key to seal to, and never one other than kiosk.toml's pin
        {
            const PanelKeyChoice key = choosePanelKey(
                config->panelPublicKey, syncStatus.panelPublicKey, syncStatus.configKnown);
            if (key.problem != panelKeyProblem) {
                panelKeyProblem = key.problem;
                if (!key.problem.empty()) {
                    std::cerr << "wardvoice-kiosk: " << key.problem << "\n";
                }
            }
            const bool open = key.key.has_value();
            if (key.key != sealingKey) {
                sealingKey = key.key;
                volunteers.setKey(key.key); // decoded once, not every frame
            }
            if (open != flow.invitesToJoin() && !flow.state().joined) {
                framesToDraw = std::max(framesToDraw, 2);
            }
            flow.setJoinOpen(open);
        }
        if (framesToDraw == 0) {
            continue;
        }
        int width = 0;
        int height = 0;
        glfwGetFramebufferSize(window.value(), &width, &height);
        ctx.metrics = ui::metricsFor(width, height, ctx.largeText, screenPpi);
        ctx.palette = ctx.highContrast ? &ui::highContrastPalette() : &ui::standardPalette();
        if (ctx.metrics.fontPx != loadedFontPx) {
            if (!ui::loadFonts(fontPath, ctx.metrics.fontPx)) {
                std::cerr << "wardvoice-kiosk: " << fontPath
                          << " missing; using the built-in font\n";
            }
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            platform::deleteFontAtlas(fontTexture);
            fontTexture = platform::uploadFontAtlas();
            if (fontTexture == 0) {
                ImGui_ImplOpenGL3_CreateFontsTexture(); // no swizzle in this driver: RGBA
                io.Fonts->ClearTexData(); // the GPU has the atlas now; keep no CPU copy
            }
            loadedFontPx = ctx.metrics.fontPx;
        }
        ui::applyStyle(*ctx.palette, ctx.metrics);

        // a key pressed and already released since the last frame still counts as pressed once
        std::vector<int> releaseAfterFrame;
        bool enterPressed = false;
        for (const int key : platform::takePressedKeys()) {
            if (key == GLFW_KEY_SPACE || key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER ||
                (key >= GLFW_KEY_RIGHT && key <= GLFW_KEY_UP)) {
                focus.keyUsed();
            }
            enterPressed |= key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER;
            if (key < IM_ARRAYSIZE(io.KeysDown) && !io.KeysDown[key]) {
                io.KeysDown[key] = true;
                releaseAfterFrame.push_back(key);
            }
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        if (enterPressed) {
            // ImGui 1.86 presses a focused button with Space only; Enter is the other key
            // people (and switch interfaces) use. The backend clears NavInputs every frame.
            io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
        }
        ImGui::NewFrame();
        // A tap is a pointer press or release this frame; a choice it makes on a screen shown
        // for less than TapGuard::kGuardS is the finger's second tap on the last screen.
        const bool pointerTap = io.MouseClicked[0] || io.MouseReleased[0];
        const std::pair<Screen, std::size_t> page{flow.state().screen, flow.page()};
        tapGuard.drawn(static_cast<int>(page.first), page.second, now);
        focus.beginFrame(platform::takeTabSteps(), page != drawnPage);
        drawnPage = page;
        ctx.staffWarning =
            syncStatus.clockSkewS
                ? "clock skew " + std::to_string(*syncStatus.clockSkewS) + " s: sync paused"
                : panelKeyProblem;
        std::vector<ui::TraceItem> traceItems;
        ctx.trace = tracePath.empty() ? nullptr : &traceItems;
        ui::SpokenScreen spoken;
        ctx.spoken = speaker ? &spoken : nullptr;
        const ui::UiOutput out = ui::drawFrame(flow, ctx, comment, now);
        ctx.spoken = nullptr;
        if (speaker && ctx.readAloud) {
            // A new screen (or page, or language) is read from its top, interrupting what was
            // being said; after that, each control the focus moves to is read (switch users).
            const std::string said = flow.state().draft.language + "|" + screenName(page.first) +
                                     "|" + std::to_string(page.second);
            if (said != spokenPage || readAloudStarted) {
                speaker->say(flow.state().draft.language, spoken.text);
                spokenLast = spoken.text;
                spokenPage = said;
                spokenFocus = spoken.focused;
                readAloudStarted = false;
            } else if (spoken.focused != spokenFocus) {
                spokenFocus = spoken.focused;
                if (!spoken.focused.empty()) {
                    speaker->say(flow.state().draft.language, spoken.focused);
                    spokenLast = spoken.focused;
                }
            }
        }
        // Echo within one frame. ImGui completes a tap over two frames (the press in one, the
        // release in the next) and a key's letter shows in the box a frame after that: under
        // load three slow frames, and a person who sees nothing taps again ("Stafff"). So a
        // frame in the middle of a tap (its release already here) or one that did something
        // (the action is applied below) is built but not shown, and the first frame shown
        // after a tap shows what the tap did. Building a frame costs well under a millisecond;
        // drawing and showing it is what takes the time.
        const bool releasePending =
            io.MouseDown[0] &&
            glfwGetMouseButton(window.value(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_RELEASE;
        const bool show = !(releasePending || out.action) || framesUnshown >= 3;
        if (show) {
            framesUnshown = 0;
            ImGui::Render();
            glViewport(0, 0, width, height);
            const ui::Rgb& bg = ctx.palette->background;
            glClearColor(bg.r, bg.g, bg.b, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            glfwSwapBuffers(window.value());
            ++frames;
        } else {
            ImGui::EndFrame();
            ++framesUnshown;
            framesToDraw = std::max(framesToDraw, 2);
        }
        for (const int key : releaseAfterFrame) {
            io.KeysDown[key] = false;
            framesToDraw = std::max(framesToDraw, 2);
        }
        if (show && !tracePath.empty()) {
            ui::markTraceFocus(traceItems);
            writeTrace(tracePath, frames, flow, traceItems, width, height, ctx.largeText,
                       ctx.highContrast, ctx.easyRead, ctx.readAloud,
                       speaker ? speaker->samplesPlayed() : 0, spokenLast);
        }
        if (show && frameLog) {
            // every frame shown, for the UI drive's echo check: what it showed and which taps
            // had ended before it was built
            *frameLog << "{\"frame\": " << frames << ", \"taps_ended\": " << tapsEnded
                      << ", \"comment_chars\": " << common::utf8::length(flow.state().draft.comment)
                      << ", \"t_ms\": " << wallClockMs() << "}" << std::endl;
        }
        --framesToDraw;

        lastScreen = flow.state().screen;
        if (out.action && !tapGuard.accept(pointerTap, now)) {
            flow.handle(action::Touch{}, monotonicSeconds()); // activity, not a choice
        } else if (out.action) {
            flow.handle(*out.action, monotonicSeconds());
            framesToDraw = std::max(framesToDraw, 3);
        } else if (platform::takeEventCount() > 0) {
            flow.handle(action::Touch{}, monotonicSeconds());
        }
        if (out.exitRequested) {
            std::cerr << "wardvoice-kiosk: administrator exit\n";
            break;
        }
        if (out.redraw) {
            framesToDraw = std::max(framesToDraw, 2);
        }
        if (out.toggleLargeText || out.toggleHighContrast) {
            ctx.largeText ^= out.toggleLargeText;
            ctx.highContrast ^= out.toggleHighContrast;
            framesToDraw = std::max(framesToDraw, 3);
        }
        if (out.toggleEasyRead) {
            ctx.easyRead = !ctx.easyRead;
            framesToDraw = std::max(framesToDraw, 3);
        }
        if (out.toggleReadAloud && speaker) {
            ctx.readAloud = !ctx.readAloud;
            readAloudStarted = ctx.readAloud; // the screen is read from its top now
            if (!ctx.readAloud) {
                speaker->stop();
                spokenLast.clear();
            }
            framesToDraw = std::max(framesToDraw, 3);
        }
        resetForNextPerson(flow, lastPerson, ctx, comment, framesToDraw, speaker.get(),
                           config->easyRead);
    }
    std::cerr << "wardvoice-kiosk: stopping after " << frames << " frames\n";
    sync.stop();
    platform::deleteFontAtlas(fontTexture);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    platform::destroyWindow(window.value());
    return 0;
}
