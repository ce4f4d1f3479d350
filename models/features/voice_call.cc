// Voice calls (SPEC CF-5, seed 001 notes 6-7): the `voice-call` step. A voice call (intercom) is
// announced at once on the called station's speaker: it gets `ringing reason=voice`, the caller
// hears no ringback (the caller is speaking), and the called person lifts the handset (`answer`)
// to talk, which connects both as a call does. Nobody answering leaves the announcement up until
// the caller hangs up. A voice call goes to the called line only (its speaker announces the
// caller); busy is busy. To anything but a station it is an ordinary call: only a station has a
// speaker to announce on.
//
// Decision points: `action` (voice-call) and `arrive`, where it goes before forward in every
// bundled profile: a voice call is never forwarded (CF-5), and DEE's associated destinations do
// not ring for it. The box remembers which calls are voice calls (per call slot); a voice call
// stays one when it is transferred.
#include "models/box.h"

namespace telsim {

namespace {
class VoiceCall : public Box {
 public:
  VoiceCall(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    join(Point::action);
    join(Point::arrive);
  }

  bool decide(Point p, Ask& ask) override {
    if (p == Point::action && ask.action == Action::voice_call) {
      voice_call(ask.party, ask.text);
      return true;
    }
    if (p != Point::arrive || !wants(p, ask)) return false;
    const Device& d = devices_[ask.party];
    int wanted = ask.line < 0 ? 0 : ask.line;
    RingInfo info;
    info.line = d.line_leg[wanted] == kNone ? wanted : -1;
    info.reason = "voice";
    if (info.line < 0 || ring(ask.leg, ask.party, info) == kNone) tone(ask.leg, Ev::busy);
    return true;
  }

  bool wants(Point p, const Ask& ask) const override {
    if (p != Point::arrive || devices_[ask.party].kind != PartyKind::station) return false;
    int32_t c = legs_[ask.leg].call;
    return voice_.find(c, calls_[c].gen) != nullptr;
  }

 private:
  void voice_call(PartyId p, std::string_view number) {
    Device& d = devices_[p];
    if (d.active == kNone) e_.offhook(p);
    if (d.active == kNone || legs_[d.active].state != LegState::dialing) return;
    emit(p, legs_[d.active].call, Ev::digits, tracing() ? "digits=" + std::string(number) : std::string(), true);
    d.digits.clear();
    ++d.digit_gen;
    auto it = numbers_.find(std::string(number));
    int32_t c = legs_[d.active].call;
    if (d.kind == PartyKind::station && it != numbers_.end() && devices_[it->second.party].kind == PartyKind::station) {
      voice_.at(c, calls_[c].gen) = true;
      calls_[c].quiet = true;  // the caller speaks: no ringback
    }
    // A voice call is placed by no dial plan: the features that screen dialled numbers never saw
    // it (SPEC 7's delivery path names it VC).
    if (e_.benchmark_site()) e_.paths_.carried(c, calls_[c].gen, kNone, kPathVC);
    e_.route(d.active, std::string(number));
  }

  SlotTable<bool> voice_;  // per call: a voice call
};
}  // namespace

std::unique_ptr<Box> make_voice_call(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<VoiceCall>(e, index, name);
}

}  // namespace telsim
