# perception: Perception 4000 key system, Call Forward (SPEC 4, rules CF-1..CF-12).
# Source: the Perception 4000 Feature Operation guide, Call Forward notes 4-12 (seed 001;
# docs/profiles/perception.md describes it).
# Forward is registered by step or feature key, so no forward codes are set.
name = perception

# Feature boxes, in precedence order (models/features/registry.cc): where two take part in one
# decision point the earlier is asked first (voice-call before forward: CF-5; forward before
# handoff: forward no answer, not DEE's voice mail, takes an unanswered call; transfer before hold).
features = screen-out screen-in teen-line hunt-groups voice-call call-waiting three-way-calling forward ring-back camp-on handoff voicemail conference attendant transfer hold pickup caller-id split-billing reverse-charge

# Note 10: a call is forwarded at most twice (CF-8).
switch.forward-max-hops = 2
# Note 6: intercom calls are not forwarded; they sound at the station (CF-4).
switch.forward-intercom = no
# Note 7 speaks of a "predetermined No Answer timeout period" without a value: SPEC 4's default
# (15 s) applies, and a site's `timer,no-answer=` overrides it (CF-5, CF-11).
#
# How the engine reads the notes (models/features/forward.cc):
# - Note 4 (CF-2): a forward registered while calls ring at the station leaves them ringing, and
#   takes effect only when each of them is answered or gone; calls arriving meanwhile are not
#   forwarded either ("only forward calls that occur after the ringing ... call is picked up or
#   disconnected"). Registering again, or `forward off`, while a call rings with forward no answer
#   keeps that call ringing at the station. Camp-on is not simulated.
# - Notes 6-7 (CF-4, CF-5): a voice call (`voice-call`) is announced at once on the called
#   station's speaker (`ringing reason=voice`); the caller hears no ringback; lifting the handset
#   connects both. It is never forwarded, on busy it gives busy, and unanswered it stays until the
#   caller hangs up.
# - Note 10 (CF-8): the station a call reaches after two forwards rings (or is busy) whatever it
#   has registered; forward no answer there does not start the timer.
# - Notes 11-12 (CF-9..CF-12): with Multi-line Hunting (`mlh=yes`) a call to a busy line hunts to
#   the next free line of the station, round from the called one; each line rung runs its own
#   no-answer timer. Forward no answer with every line busy gives busy (it does not cover busy).
# - A forwarded call that finds its destination busy gives the caller busy; one to an outside
#   number takes a trunk channel (none free: `blocked`) and is billed to the forwarding station.
# Not in the seed: as generic.
switch.music-on-hold = yes
switch.transfer-recall = yes
switch.transfer-needs-multi-user-aware = no
# Transfer by the transfer key (see generic.profile); the target number ends as at dial tone.
switch.transfer-number-end = match
# Dynamic Extension Express is Mitel's (seed 000), not this PBX's.
switch.dynamic-extension-express = no

# A held call on the only line (switch.one-line-consultation): no. The Perception 4000 is a key
# system (seed 001: calls on line keys, the prime line, Multi-line Hunting): a call lives on a line
# key, and a set whose one line key holds a call has no line for a second one. Lifting the
# handset, `dial`, `call` and `press transfer` give reorder (`reorder reason=no-line`, the keys
# traced as `digits`), and the held call stays held until retrieved or recalled: a key is never
# lost in silence. (scenarios/language/one_line_hold_*.csv; the other profiles consult:
# one_line_consultation_*.csv)
switch.one-line-consultation = no

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
# Call waiting and camp-on (SPEC 6: CW-1..CW-3, CO-1..CO-3). The Perception 4000 document (001, note 4) names camped-on calls but not the code; the choices are generic's.
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
# Not in the seed: the three-party conference of a small key system.
switch.conference-max = 3
# Not in the seed: 0, the common operator code.
code.attendant = 0
# Unknown numbers give reorder unless a site turns this on (`,site,switch,unknown-to-attendant=yes`).
switch.unknown-to-attendant = no
timer.attendant-recall = 30
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
# The controller hangs up in the three-way call: as this PBX's conference (CN-2): the two others talk on, a plain call.
switch.three-way-hangup = leave-connected
