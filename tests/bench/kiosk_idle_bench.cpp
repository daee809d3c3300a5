// Kiosk idle benchmark (./run bench): the real kiosk under Xvfb, left alone on its welcome
// screen, against a bare GLFW + OpenGL window of the same size that redraws every frame (what a
// Dear ImGui program does unless it waits for events), measured in the same run:
//   kiosk_idle_cpu_WxH     % of one core while idle    (x the redraw-every-frame window)
//   kiosk_idle_rss_WxH     resident memory while idle  (x the bare window, which draws nothing)
//   kiosk_idle_frames_WxH  frames drawn while idle     (x the redraw-every-frame window)
// Targets from the kiosk issue: under 5% of one core and under 150 MB.
// Run with --bare WxH, the binary is that baseline window itself.
#include <GLFW/glfw3.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kSettle = 4s;   // start-up, first frames, fonts
constexpr auto kMeasure = 12s; // the idle window measured

/// The baseline: a window that clears and swaps every frame, as fast as the display allows.
int bareWindow(int width, int height) {
    if (glfwInit() == GLFW_FALSE) {
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(width, height, "baseline", nullptr, nullptr);
    if (window == nullptr) {
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    static volatile std::sig_atomic_t stop = 0;
    std::signal(SIGTERM, [](int) { stop = 1; });
    long frames = 0;
    while (stop == 0) {
        glfwPollEvents();
        glClearColor(0.94f, 0.95f, 0.96f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glfwSwapBuffers(window);
        ++frames;
        if (frames % 30 == 0) {
            std::ofstream(std::getenv("WV_FRAMES_FILE")) << "{\"frame\": " << frames << "}\n";
        }
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        for (const std::string& e : env) {
            ::putenv(const_cast<char*>(e.c_str()));
        }
        std::vector<char*> args;
        for (const std::string& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

void stop(pid_t pid) {
    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            return;
        }
        std::this_thread::sleep_for(50ms);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
}

/// utime + stime of a process, in seconds.
double cpuSeconds(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return -1;
    }
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14 || i == 15) {
            ticks += std::stod(field);
        }
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double rssMb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return -1;
}

/// The "frame" number in a trace file (0 when there is none yet).
long frameIn(const fs::path& file) {
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    static const std::regex kFrame("\"frame\": ([0-9]+)");
    return std::regex_search(text, m, kFrame) ? std::stol(m[1]) : 0;
}

struct Idle {
    double cpuPercent = 0;
    double rss = 0;
    long frames = 0;
};

/// Starts `argv` on `display`, lets it settle, and measures it while nobody touches it.
Idle measure(const std::vector<std::string>& argv, const std::string& display,
             const fs::path& frameFile) {
    fs::remove(frameFile);
    const pid_t pid = spawn(argv, {"DISPLAY=" + display, "WARDVOICE_UI_TRACE=" + frameFile.string(),
                                   "WV_FRAMES_FILE=" + frameFile.string()});
    std::this_thread::sleep_for(kSettle);
    const double cpu0 = cpuSeconds(pid);
    const long frames0 = frameIn(frameFile);
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(kMeasure);
    const double cpu1 = cpuSeconds(pid);
    const long frames1 = frameIn(frameFile);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Idle idle{100.0 * (cpu1 - cpu0) / wall, rssMb(pid), frames1 - frames0};
    stop(pid);
    return idle;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--bare") {
        int w = 0;
        int h = 0;
        std::sscanf(argv[2], "%dx%d", &w, &h);
        return bareWindow(w, h);
    }
    const fs::path work = fs::temp_directory_path() / ("wv_idle_" + std::to_string(::getpid()));
    fs::create_directories(work / "data");
    {
        std::ofstream config(work / "kiosk.toml");
        config << "kiosk_id = \"k-bench\"\n"
               << "secret = \"3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3\"\n"
               << "aggregator_url = \"http://127.0.0.1:9\"\nward = \"ward-7\"\n"
               << "data_dir = \"" << (work / "data").string() << "\"\n"
               << "languages = [\"en\", \"cy\", \"pl\", \"ro\", \"uk\"]\n";
    }
    const std::string kiosk = WARDVOICE_BIN_DIR "/wardvoice-kiosk";
    const std::string self = fs::canonical("/proc/self/exe").string();
    int failures = 0;
    int displayNumber = 400 + ::getpid() % 200;
    for (const std::string size : {"800x480", "1920x1080", "3840x2160"}) {
        std::string display = ":";
        display += std::to_string(displayNumber++); // (":" + string trips GCC 12's -Wrestrict)
        const pid_t xvfb =
            spawn({"Xvfb", display, "-screen", "0", size + "x24", "-nolisten", "tcp"}, {});
        std::this_thread::sleep_for(1500ms);
        const Idle app = measure({kiosk, "--config", (work / "kiosk.toml").string(), "--assets",
                                  WARDVOICE_SOURCE_DIR "/assets", "--windowed", size},
                                 display, work / "trace.json");
        const Idle bare = measure({self, "--bare", size}, display, work / "bare.json");
        stop(xvfb);
        if (app.rss <= 0 || bare.rss <= 0 || bare.frames <= 0) {
            std::cerr << "kiosk_idle_bench: could not measure at " << size
                      << " (is Xvfb installed?)\n";
            ++failures;
            continue;
        }
        std::printf("bench: kiosk_idle_cpu_%s %.2f %% of a core (%.4f x redrawing every frame)\n",
                    size.c_str(), app.cpuPercent, app.cpuPercent / std::max(bare.cpuPercent, 1e-9));
        std::printf("bench: kiosk_idle_rss_%s %.1f MB (%.2f x bare GL window)\n", size.c_str(),
                    app.rss, app.rss / bare.rss);
        std::printf("bench: kiosk_idle_frames_%s %ld frames in %lld s (%.5f x redrawing every "
                    "frame)\n",
                    size.c_str(), app.frames, static_cast<long long>(kMeasure.count()),
                    static_cast<double>(app.frames) / static_cast<double>(bare.frames));
        std::fflush(stdout);
    }
    fs::remove_all(work);
    return failures == 0 ? 0 : 1;
}
