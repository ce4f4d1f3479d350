#include "tools/child_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <iterator>
#include <vector>

namespace telsim {

namespace {
using Clock = std::chrono::steady_clock;

// The signal that asked this process to stop while children ran (0: none). The handler only
// notes it; the poll loop kills the children, and then the process ends by that same signal.
volatile sig_atomic_t g_stop = 0;
void note_stop(int signo) { g_stop = signo; }
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

// What the stop signals did before the pool ran (children get it back).
struct sigaction g_saved[std::size(kStopSignals)];

void restore_stop_signals() {
  for (size_t i = 0; i < std::size(kStopSignals); ++i) sigaction(kStopSignals[i], &g_saved[i], nullptr);
}

// Installs note_stop for the stop signals while a pool runs, except those ignored already (a
// background job's SIGINT stays ignored); restores what was there.
class StopSignals {
 public:
  StopSignals() {
    g_stop = 0;
    struct sigaction sa {};
    sa.sa_handler = note_stop;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kStopSignals); ++i) {
      sigaction(kStopSignals[i], &sa, &g_saved[i]);
      if (g_saved[i].sa_handler == SIG_IGN) sigaction(kStopSignals[i], &g_saved[i], nullptr);
    }
  }
  ~StopSignals() { restore_stop_signals(); }
};

struct Child {
  pid_t pid;
  int fd;
  size_t index;
  std::string data;
  Clock::time_point started;
};

void write_all(int fd, const std::string& text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

Child start(size_t index, const std::function<std::string(size_t)>& work) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  fflush(stdout);
  fflush(stderr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // The child dies with the parent, whatever kills the parent (even SIGKILL): no run outlives
    // the command that started it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    restore_stop_signals();
    close(fds[0]);
    write_all(fds[1], work(index));
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  return Child{pid, fds[0], index, {}, Clock::now()};
}

ChildResult finish(Child& c, bool timed_out) {
  close(c.fd);
  int status = 0;
  waitpid(c.pid, &status, 0);
  ChildResult r;
  r.index = c.index;
  r.output = std::move(c.data);
  r.seconds = std::chrono::duration<double>(Clock::now() - c.started).count();
  r.timed_out = timed_out;
  if (timed_out) {
    r.why = "timeout";
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
    r.why = "signal " + std::to_string(r.signal);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    r.exit_status = WEXITSTATUS(status);
    r.why = "exit status " + std::to_string(r.exit_status);
  } else {
    r.ok = true;
  }
  return r;
}
}  // namespace

void run_in_children(size_t count, int jobs, double timeout, const std::function<std::string(size_t)>& work,
                     const std::function<void(ChildResult&&)>& done) {
  std::vector<Child> running;
  size_t next = 0;
  jobs = std::max(1, jobs);
  StopSignals stop_signals;
  while (next < count || !running.empty()) {
    if (g_stop) {
      // Asked to stop (Ctrl-C, kill): the children go first, then this process, by the signal.
      for (Child& c : running) kill(c.pid, SIGKILL);
      for (Child& c : running) {
        close(c.fd);
        waitpid(c.pid, nullptr, 0);
      }
      int signo = g_stop;
      restore_stop_signals();
      fflush(stdout);
      signal(signo, SIG_DFL);
      raise(signo);
      _exit(128 + signo);
    }
    while (static_cast<int>(running.size()) < jobs && next < count) running.push_back(start(next++, work));
    std::vector<pollfd> polls;
    for (const Child& c : running) polls.push_back(pollfd{c.fd, POLLIN, 0});
    poll(polls.data(), polls.size(), 200);
    for (size_t i = 0; i < running.size();) {
      Child& c = running[i];
      bool ended = false;
      if (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        ssize_t n = read(c.fd, buf, sizeof buf);
        if (n > 0) c.data.append(buf, static_cast<size_t>(n));
        else ended = true;
      }
      bool timed_out = !ended && std::chrono::duration<double>(Clock::now() - c.started).count() > timeout;
      if (timed_out) kill(c.pid, SIGKILL);
      if (!ended && !timed_out) {
        ++i;
        continue;
      }
      done(finish(c, timed_out));
      running.erase(running.begin() + static_cast<long>(i));
      polls.erase(polls.begin() + static_cast<long>(i));
    }
  }
}

}  // namespace telsim
