# generic: the default PBX personality (SPEC 4), used when a scenario names no profile.
#
# No vendor document describes a generic PBX, so these choices follow common practice; the vendor
# profiles (mitel, perception, voipnow, telecube) carry what their vendors' documents say
# (docs/profiles/ describes each document).
# Format: see models/profile.h. Keys not set in a profile take the engine's defaults.
name = generic

# Feature boxes, in precedence order (models/features/registry.cc): where two take part in one
# decision point the earlier is asked first (voice-call before forward: CF-5; forward before
# handoff: forward no answer, not DEE's voice mail, takes an unanswered call; transfer before hold).
features = screen-out screen-in teen-line hunt-groups voice-call call-waiting three-way-calling forward ring-back camp-on handoff voicemail conference attendant transfer hold pickup caller-id split-billing reverse-charge

# Timers (seconds): SPEC 4's defaults, written out so a reader sees them in one place.
timer.no-answer = 15
timer.hold-recall = 60
timer.transfer-recall = 30
timer.handoff = 30
timer.digit = 3
timer.settle = 300

# Call forward codes, dialled at dial tone; the forward codes are followed by the destination
# number, which `#` ends, or the digit timer, or nothing when it is a whole number of the dial plan
# that no longer number extends (*21 2002 registers as the last 2 is keyed). Success gives
# `confirmation` tone; a destination the switch does not know, or the station itself, gives
# `reorder` and leaves the forward registered before in place. The `forward` step does the same.
#   21 is the unconditional-forward service code of GSM/ETSI (**21*number#, cancel #21#), the code
#   people know from their mobiles; busy, no answer and busy/no answer take the next codes, so
#   the four form one block and none extends another. Every code starts with * or #, so no
#   extension number can collide with one.
code.forward-all = *21
code.forward-busy = *22
code.forward-no-answer = *23
code.forward-busy-no-answer = *24
code.forward-off = #21

# Directed pickup, followed by the ringing extension: *8 is what Asterisk-based PBXs (and the
# TeleCube seed, 003) use.
code.pickup = *8

# Handoff of Dynamic Extension Express (push and cancel after `special`, pull off hook): 388 as on
# Mitel (seed 000). Inert for stations without associated destinations.
code.handoff = 388

# Display texts, as the Mitel seed (000) writes them.
text.handoff-in-progress = HANDOFF IN PROGRESS
text.handoff-cancelled = HANDOFF CANCELLED
text.no-call-to-handoff = NO CALL TO HANDOFF

# Forward hops: a limit is what ends forwarding loops (A -> B -> A); real switches all have one,
# configurable and small: QSIG call diversion caps its diversion counter at 15, VoIP gateways
# commonly default to about 4, the Perception 4000 stops at 2 (seed 001, note 10). Five lets every
# ordinary chain through (desk -> colleague -> team -> voice mail) and still stops a loop early.
switch.forward-max-hops = 5
# Intercom (station-to-station) calls are forwarded like outside calls (Perception differs).
switch.forward-intercom = yes
# A held party hears music (SPEC 2: generic does by default).
switch.music-on-hold = yes
# A blind transfer nobody takes returns to the transferor (TR-8, on in every profile).
switch.transfer-recall = yes
# Transfer here is by key, as on most desk sets: `press transfer` holds the other party and gives
# dial tone; the number ends as at dial tone (switch below); hanging up completes it (attended when
# the target answered, blind while it still rings); `press transfer` again also completes it;
# `retrieve` goes back. `press hold` holds and, pressed again, retrieves. No in-call codes.
switch.transfer-number-end = match
# Transfer codes need no special permission (VoipNow differs).
switch.transfer-needs-multi-user-aware = no
# Dynamic Extension Express: associated destinations ring with the desk phone (DE-1).
switch.dynamic-extension-express = yes

# A held call on the only line (switch.one-line-consultation): a one-line station holding the call
# it put on hold lifts the handset, keys `dial` or `call`, or presses `transfer`: it gets dial tone
# on a consultation, a call of its own that borrows the held call's line (as a transfer's
# consultation does on every set). `press transfer` there completes a transfer (the held party
# joins the target; blind while the target still rings), hanging up ends the consultation and the
# held call recalls at once (`recall reason=hold`, `ringing reason=recall`: HR-1, sooner),
# `retrieve` goes back to it, a busy or unknown target returns it (HR-2). A station whose lines are
# all taken otherwise (two lines, both held) still gets `reorder reason=no-line`, keys traced.
# yes: what most single-line PBX sets give (hookflash or the transfer key: consultation hold and
# dial tone); a set that cannot place a second call is the exception. No vendor document here.
# (scenarios/language/one_line_consultation_*.csv; switched off: one_line_hold_*.csv)
switch.one-line-consultation = yes

# Feature interactions (SPEC 7; docs/interactions.md). The benchmark features come first in the
# `features` line (screen-out = OCS, screen-in = TCS, teen-line = TL refuse a call before any
# feature carries it on) and the billing ones last (caller-id = CNDB, split-billing = SB,
# reverse-charge = RC). No vendor document covers them, so each resolution is the careful choice:
# the feature's promise holds on every path a call can take.
# Teen line: the PIN follows this code at dial tone (*95 1234#); unused by every other code here.
code.teen-line = *95
# OCS and TCS screen every path (forward, hunt, transfer consultation, pickup, recall), not only
# the number dialled.
switch.screen-every-path = yes
# Teen line: no outside phone rings for a teen's call without the PIN, whatever carried it there.
switch.teen-line-every-path = yes
# CNDB: a withheld number stays withheld on forwarded, transferred, picked-up and handed-off calls.
switch.withheld-every-path = yes
# SB: split only when a station answers (an outside party cannot be charged half).
switch.split-billing-answering-station = yes
# RC x SB: the called party agreed to pay for every call to it, the caller pays nothing: both
# promises hold, so reverse charging bills the call.
switch.reverse-charge-before-split-billing = yes
# Call waiting and camp-on (SPEC 6: CW-1..CW-3, CO-1..CO-3). No vendor document describes these; the choices follow common practice.
# call-waiting (a station option, call-waiting=yes) sits before forward in `features`: a call to a
# busy station with call waiting waits (ringback to the caller, call-waiting tone to the station)
# rather than going by busy forward; `no` would let busy forward take it first (CW-3). A waiting call
# nobody takes within timer.no-answer goes on by forward no answer when one applies, else it waits
# until its caller hangs up. One call waits at a time; a station juggling two calls by flash gives a
# third caller busy. A forward registered while a call waits or is camped does not move that call.
switch.call-waiting-before-forward = yes
# Camp-on: `press camp-on`, or this code keyed while hearing busy from a station (a single key,
# as key systems do; it is no dial-tone code, so it collides with no number). Camp-on where the busy
# tone came from a hunt pilot or an outside number, or with no busy tone, gives reorder.
code.camp-on = 6
# A camped call waits until its caller hangs up (SPEC's default; a site may set timer.camp-on).
timer.camp-on = 0
# --- Conference and attendant (SPEC 6: CN-1..CN-3, AT-1..AT-2; models/features/conference.cc and
# models/features/attendant.cc describe every detail; docs/format.md the vocabulary).
# Conference: `press conference` in a consultation joins the three; members leave by hanging up;
# two left are a plain call; the controller adds members (press transfer, the number, press
# conference once it answers) up to conference-max, holds it (the others talk on), and a held
# conference recalls the controller's prime desk phone only after timer.hold-recall (DE-2). An
# added party that is busy, unknown or silent for timer.no-answer returns the controller to it.
# Attendant: stations reach the first idle console in setup order by code.attendant (busy when
# none is idle); the console extends a call with press transfer, the number and press release
# (or hanging up); unanswered for timer.attendant-recall after the release it rings the console
# again, only the console (DE-2), or the first other idle console when that one is busy.
# Conference bridges: three parties, the three-way call every PBX has; no document says more.
switch.conference-max = 3
# 0 reaches the operator on most PBXs.
code.attendant = 0
# Unknown numbers give reorder unless a site turns this on (`,site,switch,unknown-to-attendant=yes`).
switch.unknown-to-attendant = no
timer.attendant-recall = 30
# Hunt group queues (queue=, max-wait= on a hunt row; SPEC TQ-1) have no switch: every profile
# queues alike, and no vendor document here says otherwise. Where the rule leaves room:
#  - max-wait counts from the call's first entry into the group's queue; a call put back at the
#    head after a member did not answer keeps that deadline (scenarios/queue/max_wait_*.csv);
#  - a call put back at the head is never refused for a full queue: the place was its own;
#  - a call every member has refused leaves as if nobody answered: overflow, else busy;
#  - the announcement plays on the first entry only, music-on-hold on every entry
#    (scenarios/queue/requeue_at_head_after_no_answer.csv).
# --- Ring back when free and voice mail (SPEC 7: RBWF, VM; models/features/ring_back.cc and
# models/features/voicemail.cc describe every detail; docs/interactions.md the resolutions). No
# vendor document here covers them; the choices are the careful ones, the same in every profile.
# `features`: ring-back sits after forward (switch.ring-back-before-forward moves it before: a
# ring-back's call rings the station itself, which has just gone free, not its forward) and before
# camp-on (the ring-back code keyed on busy is ring-back's; camp-on takes every other digit keyed on
# busy); voicemail sits after handoff (forward and DEE send calls to the pilot; the mailbox box
# counts what they sent, and refuses a screened caller at the pilot).
# Ring back when free: this code keyed while hearing busy from a station (a single key, as camp-on's
# 6: no dial-tone code, so it collides with no number), or `press ring-back`, gives `ring-back
# to=STATION` and confirmation tone. One request per caller (a new one replaces it); the requests
# for one station are served in the order made, one at a time. When the station is free (no call,
# on hook, not ringing) and the caller is too, the caller's phone rings `reason=ring-back` for
# timer.no-answer (then the request is over); a caller busy then keeps its place until it is free;
# a station busy again while it rings stops the ring and the request waits again. Answering calls
# the station's desk phone (no DEE, as for a recall), `ringing from=CALLER reason=ring-back`.
# Refused with reorder on a hunt pilot's or an outside number's busy tone and for an outside caller
# (the switch rings back its own phones only). It cannot be picked up: it is the caller's own.
# A call camped on the station (camp-on) goes before the ring-backs: its caller is on the line now.
code.ring-back = 5
# A request not served within 30 minutes is dropped (0 would keep it until served).
timer.ring-back = 1800
switch.ring-back-before-forward = yes
# Voice mail: a caller that a station's forward or DEE sends to the pilot its voicemail= names
# leaves a message by talking 5 s or more; in a chain (A forwards to B, B's forward or DEE sends
# the call on) the last station's (B's) mailbox takes it. The owner sees `message-waiting count=N
# from=CALLER` (withheld for a CNDB caller) and clears it by calling the pilot itself and staying
# 5 s or more (`message-waiting count=0`). A pilot reached otherwise (dialled, a hunt group's
# overflow, a transfer) takes no message. A caller the owner screens in (TCS) is refused at the
# pilot (`reorder reason=screened`): a screened caller reaches no mailbox either.
switch.voicemail-last-diverter = yes
switch.voicemail-screens-in = yes
# A transfer or conference that moves the pilot's leg into another call (a colleague transfers a
# caller into the mailbox its consultation reached: "transfer to voice mail") keeps the mailbox
# chosen when the pilot answered; `no` would leave no message for a moved leg (VM x CT).
switch.voicemail-transfer-keeps-mailbox = yes
# --- Three-way calling (TWC, SPEC 7; models/features/three_way_calling.cc). On for every station:
# `press flash` in a two-party call with nothing waiting holds the other party (`hold by=`) and
# gives dial tone; the number rings the second party in a call of its own (the transfer key's
# consultation: busy, unknown or a screened number returns to the held party). `press flash` once
# the second party answers bridges the three (`conference size=3`, the conference box's bridge).
# No vendor document here describes a flash three-way call; where the rule leaves room:
#  - flash at dial tone or while the second call only rings cancels it (the second party stops
#    ringing) and returns to the held party (`retrieved`): nobody is bridged to a ringing phone;
#  - flash in the three-way call drops the party added last (`released reason=three-way`);
#  - hanging up while the second call is still a consultation completes it as a transfer (TR-2);
#  - call waiting comes first in `features`: while a call waits (or two are juggled) flash is call
#    waiting's, else three-way calling's (the switch below says so; `no` would turn it round).
switch.three-way-calling = yes
switch.call-waiting-before-three-way-calling = yes
# The controller hangs up in the three-way call: the classic residential three-way call (Bellcore): the controller's hang-up ends it for all three.
switch.three-way-hangup = drop-all
