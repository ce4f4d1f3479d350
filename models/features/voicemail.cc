// Voice mail boxes with message waiting (VM, SPEC 7), on for every station with `voicemail=`:
//   - a call that a station's forward or DEE (voice mail at no answer) sends to a voice mail pilot
//     leaves a message in that station's mailbox when its caller talks 5 s or more there. Where a
//     chain of stations carried the call (A forwards to B, B's forward or DEE sends it to the
//     pilot), the mailbox is the last one's (B): with switch.voicemail-last-diverter (FI-2); without
//     it (or under `resolutions = none`) the first station's, which the property `voicemail`
//     (models/properties.cc) catches.
//   - the mailbox lives on the pilot the station's `voicemail=` names: a call sent by a station
//     without `voicemail=`, or to another pilot, or reaching a pilot some other way (dialled, a
//     hunt group's overflow, a transfer) leaves no message; the pilot answers as ever.
//   - each message lights the owner's lamp: `message-waiting count=N from=CALLER` at the owner (the
//     caller as CNDB allows it to show: `withheld` for a withholding caller).
//   - the owner listens by calling the pilot itself (a call it places, no feature carrying it) and
//     staying 5 s or more: `message-waiting count=0`, and the count starts again.
//   - the mailbox is chosen when the pilot answers: a transfer or conference that later moves the
//     pilot's leg into another call (a colleague transfers a caller into the mailbox it reached,
//     "transfer to voice mail") keeps it, with switch.voicemail-transfer-keeps-mailbox (every
//     bundled profile); with `no` the moved leg leaves no message (nor clears the lamp). Either
//     way the message is never another station's (VM x CT, found by explore on every site).
//   - a caller the owner screens in (TCS) leaves no message: with switch.voicemail-screens-in the
//     pilot refuses such a call (`reorder reason=screened`); without it the message is left and the
//     property `voicemail` catches it.
// Decision points: diverted and mailbox (observed), screen (the TCS resolution) and leg_ending of
// the pilot legs it watches (the message is counted when the conversation ends).
#include <cmath>

#include "models/box.h"
#include "models/features/screening.h"

namespace telsim {

namespace {
constexpr double kMessageSeconds = 5;  // SPEC 7: talking 5 s or more leaves a message

class Voicemail : public Box {
 public:
  Voicemail(Engine& e, uint8_t index, const char* name) : Box(e, index, name), counts_(devices_.size(), 0) {
    bool any = false;
    for (const Device& d : devices_) any |= d.kind == PartyKind::station && !d.def->voicemail.empty();
    if (!any) return;  // no mailbox on this site: takes part in nothing
    e.note_benchmark_feature();  // its property is checked on every run here
    join(Point::diverted);
    join(Point::mailbox);
    join(Point::screen);
    join(Point::leg_ending);
  }

  void notice(Point p, Ask& ask) override {
    if (p == Point::diverted) {
      int32_t c = legs_[ask.leg].call;
      Sent& s = sent_.at(c, calls_[c].gen);
      if (s.first == kNone) s.first = ask.party;
      s.last = ask.party;
    } else if (p == Point::mailbox) {
      PartyId owner = kNone;
      bool listens = false;
      mailbox_for(ask.leg, ask.party, &owner, &listens);
      if (owner == kNone) return;
      Message& m = messages_.at(ask.rung_leg, legs_[ask.rung_leg].gen);
      m.owner = owner;
      m.caller = legs_[ask.leg].party;
      m.listens = listens;
      m.call = legs_[ask.rung_leg].call;
      m.call_gen = calls_[m.call].gen;
      watch_leg(ask.rung_leg);
    } else if (p == Point::leg_ending) {
      ended(ask.leg);
    }
  }

  bool wants(Point p, const Ask& ask) const override { return p == Point::screen && screened(ask); }

  bool decide(Point p, Ask& ask) override {
    if (p != Point::screen || !resolution_on(profile_, "voicemail-screens-in") || !screened(ask)) return false;
    ask.reason = "screened";
    return true;
  }

  void describe_state(PartyId p, std::vector<std::string>* states) const override {
    if (counts_[p] > 0) states->push_back("message-waiting count=" + std::to_string(counts_[p]));
  }

 private:
  struct Sent { PartyId first = kNone, last = kNone; };  // stations whose forward or DEE sent a call on
  struct Message {
    PartyId owner = kNone, caller = kNone;
    bool listens = false;
    int32_t call = kNone;  // the call the pilot answered, and its generation
    uint32_t call_gen = 0;
  };

  // The station whose mailbox takes a call from `a_leg` at `pilot` (kNone: none), and whether it
  // is the owner itself calling to listen.
  void mailbox_for(int32_t a_leg, PartyId pilot, PartyId* owner, bool* listens) const {
    int32_t c = legs_[a_leg].call;
    const Sent* s = sent_.find(c, calls_[c].gen);
    PartyId caller = legs_[a_leg].party;
    if (s) {
      PartyId o = resolution_on(profile_, "voicemail-last-diverter") ? s->last : s->first;
      if (o != kNone && devices_[o].def->voicemail == number(pilot)) *owner = o;
      return;
    }
    const DeliveryPath* path = e_.path_of(c);
    bool placed = legs_[a_leg].originator && (!path || path->features == 0);
    if (caller != kNone && placed && devices_[caller].kind == PartyKind::station &&
        devices_[caller].def->voicemail == number(pilot)) {
      *owner = caller;
      *listens = true;
    }
  }

  // The pilot is about to answer a call whose mailbox owner screens in the caller (TCS).
  bool screened(const Ask& ask) const {
    if (ask.party < 0 || ask.leg < 0 || devices_[ask.party].kind != PartyKind::voicemail) return false;
    PartyId caller = legs_[ask.leg].party;
    if (caller == kNone) return false;
    PartyId owner = kNone;
    bool listens = false;
    mailbox_for(ask.leg, ask.party, &owner, &listens);
    if (owner == kNone || listens || owner == caller) return false;
    return screen_names(devices_[owner].def->screen_in, *devices_[caller].def);
  }

  void ended(int32_t b) {
    const Leg& l = legs_[b];
    const Message* m = messages_.find(b, l.gen);
    if (!m || l.state != LegState::connected || now() - l.connected_at < kMessageSeconds - 1e-9) return;
    Message msg = *m;
    messages_.erase(b);
    int32_t c = l.call;
    bool moved = c != msg.call || calls_[c].gen != msg.call_gen;  // a transfer or conference moved it
    if (moved && !profile_.on("voicemail-transfer-keeps-mailbox", true)) return;
    int& n = counts_[msg.owner];
    if (msg.listens) {
      if (n == 0) return;  // nothing new: the lamp is off already
      n = 0;
      e_.note_messages_heard(msg.owner);
      emit(msg.owner, c, Ev::message_waiting, tracing() ? std::string("count=0") : std::string());
      return;
    }
    ++n;
    if (tracing())
      emit(msg.owner, c, Ev::message_waiting,
           "count=" + std::to_string(n) + " from=" + e_.shown_name(msg.caller, msg.owner, c));
    else
      emit(msg.owner, c, Ev::message_waiting);
    e_.note_message(msg.owner, c, msg.caller, n, b);
  }

  std::vector<int> counts_;          // per owner: messages since it last listened
  SlotTable<Sent> sent_;             // per call
  SlotTable<Message> messages_;      // per pilot leg: the message being left (or listened to)
};
}  // namespace

std::unique_ptr<Box> make_voicemail(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<Voicemail>(e, index, name);
}

}  // namespace telsim
