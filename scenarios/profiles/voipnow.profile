# voipnow: VoipNow hosted PBX, Call Transfer (SPEC 4, rules TR-1..TR-3, TR-7, TR-8).
# Source: VoipNow's "Call Transfer" help page, phone terminal keypad operations (seed 002;
# docs/profiles/voipnow.md describes it).
name = voipnow

# Feature boxes, in precedence order (models/features/registry.cc): where two take part in one
# decision point the earlier is asked first (voice-call before forward: CF-5; forward before
# handoff: forward no answer, not DEE's voice mail, takes an unanswered call; transfer before hold).
features = screen-out screen-in teen-line hunt-groups voice-call call-waiting three-way-calling forward ring-back camp-on handoff voicemail conference attendant transfer hold pickup caller-id split-billing reverse-charge

# In a call: #1<number> blind transfer, *2<number> attended transfer (seed 002). The page has no
# back-to-caller code: `retrieve` (or the hold key) ends a consultation. Without the permission the
# codes give reorder and the call stays up (TR-3, inferred).
code.blind-transfer = #1
code.attended-transfer = *2

# "This option is available only for Phone terminal extensions with the multi-user aware
# permission enabled" (seed 002): stations need permissions=multi-user-aware (TR-3).
switch.transfer-needs-multi-user-aware = yes
# Not in the seed: as generic.
switch.forward-max-hops = 5
switch.forward-intercom = yes
switch.music-on-hold = yes
switch.transfer-recall = yes
# Dynamic Extension Express is Mitel's (seed 000), not this PBX's.
switch.dynamic-extension-express = no
# The target number after #1 / *2 ends as at dial tone: at once when it matches one number, else at
# the digit timer or #.
switch.transfer-number-end = match

# A held call on the only line (switch.one-line-consultation): a one-line station holding the call
# it put on hold lifts the handset, keys `dial` or `call`, or presses `transfer`: it gets dial tone
# on a consultation, a call of its own that borrows the held call's line (as a transfer's
# consultation does on every set). `press transfer` there completes a transfer (the held party
# joins the target; blind while the target still rings), hanging up ends the consultation and the
# held call recalls at once (`recall reason=hold`, `ringing reason=recall`: HR-1, sooner),
# `retrieve` goes back to it, a busy or unknown target returns it (HR-2). A station whose lines are
# all taken otherwise (two lines, both held) still gets `reorder reason=no-line`, keys traced.
# yes: VoipNow's attended transfer (seed 002, `*2`) has the PBX hold the call and place "a new
# call" on the same phone: the hosted PBX, not a second line key, gives the consultation.
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
# Call waiting and camp-on (SPEC 6: CW-1..CW-3, CO-1..CO-3). The VoipNow document (002) does not describe them; the choices are generic's.
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
# Not in the seed: a three-party conference, as generic.
switch.conference-max = 3
# Not in the seed: 0, as generic.
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
# The controller hangs up in the three-way call: the classic residential three-way call (Bellcore): the controller's hang-up ends it for all three.
switch.three-way-hangup = drop-all
