#include "models/trace_event.h"

#include <array>

namespace telsim {

namespace {
constexpr std::array<std::string_view, static_cast<size_t>(Ev::count_)> kNames = {
    "offhook", "onhook", "dialtone", "digits", "ringing", "ringback", "stop-ringing", "connected",
    "released", "busy", "reorder", "confirmation", "forwarded", "hold", "music-on-hold",
    "retrieved", "recall", "transfer", "transfer-complete", "transfer-return", "pickup", "handoff",
    "display", "prompt", "hunt", "overflow", "voicemail", "blocked", "billed",
    "call-waiting", "camp-on",
    "conference", "queued", "dequeued",
    "ring-back", "message-waiting"};
}  // namespace

std::string_view ev_name(Ev e) { return kNames[static_cast<size_t>(e)]; }

std::optional<Ev> ev_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Ev>(i);
  return std::nullopt;
}

const std::vector<std::string_view>& ev_keys(Ev e) {
  static const std::vector<std::vector<std::string_view>> keys = [] {
    std::vector<std::vector<std::string_view>> k(static_cast<size_t>(Ev::count_));
    auto set = [&](Ev e, std::vector<std::string_view> v) { k[static_cast<size_t>(e)] = std::move(v); };
    set(Ev::digits, {"digits"});
    set(Ev::ringing, {"from", "line", "forwarded", "reason"});
    set(Ev::stop_ringing, {"reason"});
    set(Ev::connected, {"to"});
    set(Ev::released, {"reason"});
    set(Ev::busy, {"reason"});
    set(Ev::reorder, {"reason"});
    set(Ev::blocked, {"reason"});
    set(Ev::forwarded, {"to", "hop", "type"});
    set(Ev::hold, {"by"});
    set(Ev::recall, {"reason", "to"});
    set(Ev::transfer, {"kind", "to"});
    set(Ev::transfer_complete, {"to"});
    set(Ev::transfer_return, {"reason"});
    set(Ev::pickup, {"from"});
    set(Ev::handoff, {"kind"});
    set(Ev::hunt, {"member"});
    set(Ev::overflow, {"to"});
    set(Ev::voicemail, {"from"});
    set(Ev::billed, {"to", "seconds", "share"});
    set(Ev::call_waiting, {"from"});
    set(Ev::camp_on, {"to"});
    set(Ev::conference, {"size"});
    set(Ev::queued, {"position"});
    set(Ev::dequeued, {"reason"});
    set(Ev::ring_back, {"to"});
    set(Ev::message_waiting, {"count", "from"});
    return k;
  }();
  return keys[static_cast<size_t>(e)];
}

}  // namespace telsim
