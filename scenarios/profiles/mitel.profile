# mitel: Mitel 8560/8660 phones with Dynamic Extension Express (SPEC 4, rules HR-*, DE-*).
# Source: the Mitel 8560/8660 Phone User Guide, Issue 15, page 37 (seed 000; docs/profiles/mitel.md
# describes it). Only what the guide says is set here beyond the switches every profile states.
name = mitel

# Feature boxes, in precedence order (models/features/registry.cc): where two take part in one
# decision point the earlier is asked first (voice-call before forward: CF-5; forward before
# handoff: forward no answer, not DEE's voice mail, takes an unanswered call; transfer before hold).
features = screen-out screen-in teen-line hunt-groups voice-call call-waiting three-way-calling forward ring-back camp-on handoff voicemail conference attendant transfer hold pickup caller-id split-billing reverse-charge

# Handoff: `special` then 388 pushes or cancels; off hook then 388 pulls (seed 000).
code.handoff = 388

# Display texts exactly as the seed prints them.
text.handoff-in-progress = HANDOFF IN PROGRESS
text.handoff-cancelled = HANDOFF CANCELLED
text.no-call-to-handoff = NO CALL TO HANDOFF

# Dynamic Extension Express on (DE-1..DE-8).
switch.dynamic-extension-express = yes

# --- How Dynamic Extension Express and Handoff behave here (models/features/handoff.cc) -------------------
# Associated destinations of a main extension: its own phone (the prime desk phone), the stations
# listed in the station option associated= (e.g. `,2001,station,mobile=5551001 home=5552001
# voicemail=7000 associated=2101 2201`; each listed number is a station of its own, model=5610,
# uc-softphone or another desk phone, and belongs to one main extension only), its mobile=, home=
# and voicemail=. A station with only voicemail= has no DEE: voicemail= is then just its mailbox.
# - DE-1: an ordinary call to the main extension's number rings all of them at once; mobile and
#   home ring over the trunk (one channel each; with no channel left they just do not ring) and
#   their answered legs are billed to the main extension. Voice mail never rings: at the no-answer
#   timer the others stop and voice mail takes the call. If the desk phone is busy the extension
#   is busy (BC-2); a busy associated destination is skipped.
# - A registered call forward decides first: forward all (and busy when the desk is busy) sends
#   the call on at once, no destination rings; with forward no answer every destination rings and
#   the forward, not voice mail, takes the call at the no-answer time. Voice calls (voice-call)
#   are announced on the desk phone's speaker only.
# - DE-2: calls offered as hunt, overflow or a recall ring the prime desk phone only.
# - Push (Special 388 in a talking call at the desk or an associated station that is no 5610 or
#   UC softphone): display HANDOFF IN PROGRESS, `handoff kind=push`, every associated destination
#   but voice mail and the pushing phone rings (ringing reason=handoff) in a call of its own; the
#   pushing phone keeps the audio. An internal destination accepts by answering; a mobile or home
#   phone's answer only lifts it (prompt text.handoff-accept) and # accepts: until then the others
#   keep ringing, since what answered may be the mobile's own voice mail. On acceptance the
#   pushing phone gets `released reason=handoff`; the far party notices nothing.
# - Cancel: Special 388 again at the pushing phone, or the handoff timer (DE-8): display
#   HANDOFF CANCELLED on the main extension, `handoff kind=cancel` at the pushing phone, every
#   destination stops ringing (a lifted, unaccepted mobile too: it never connected), the call stays.
# - The far party (or the pushing phone) hangs up while the handoff rings: the handoff ends with
#   the call, every destination stops ringing at once, no HANDOFF CANCELLED (nobody cancelled).
# - The mobile answers but never presses #: not an acceptance; the handoff timer cancels it.
# - No trunk channel for the mobile/home leg: those do not ring, the push goes on at the internal
#   destinations; when nothing at all can ring the push is refused with NO CALL TO HANDOFF.
# - Pull (off hook, 388 at dial tone at the desk or an associated desk phone while the call is on
#   the mobile or home phone): confirmation tone, `handoff kind=pull`, the call moves (a call id of
#   its own), the mobile gets `released reason=handoff`. 388 at a 5610 or UC softphone, or with no
#   call on the mobile/home, shows NO CALL TO HANDOFF and gives reorder tone (DE-4, DE-7);
#   Special 388 with no talking call (or from a 5610/UC softphone) shows NO CALL TO HANDOFF.
timer.handoff = 30
# Not in the seed: what a mobile or home phone hears when it answers a handoff.
text.handoff-accept = Press # to accept the call
# The seed's recall note: a feature that cannot complete or times out returns the call (HR-2).
switch.transfer-recall = yes
# Not in the seed: as generic.
switch.forward-max-hops = 5
switch.forward-intercom = yes
switch.music-on-hold = yes
switch.transfer-needs-multi-user-aware = no
# Transfer by the transfer key (see generic.profile); the target number ends as at dial tone.
switch.transfer-number-end = match

# A held call on the only line (switch.one-line-consultation): a one-line station holding the call
# it put on hold lifts the handset, keys `dial` or `call`, or presses `transfer`: it gets dial tone
# on a consultation, a call of its own that borrows the held call's line (as a transfer's
# consultation does on every set). `press transfer` there completes a transfer (the held party
# joins the target; blind while the target still rings), hanging up ends the consultation and the
# held call recalls at once (`recall reason=hold`, `ringing reason=recall`: HR-1, sooner),
# `retrieve` goes back to it, a busy or unknown target returns it (HR-2). A station whose lines are
# all taken otherwise (two lines, both held) still gets `reorder reason=no-line`, keys traced.
# yes: Mitel's single-line sets consult with hookflash (consultation hold, dial tone) and the
# seed (000) has the held call recall "the extension where it was placed on hold": the one line.
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
# Call waiting and camp-on (SPEC 6: CW-1..CW-3, CO-1..CO-3). The Mitel document (000) does not describe them; the choices are generic's.
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
# Mitel's conference: up to eight parties (SPEC CN-2).
switch.conference-max = 8
# Not in the seed: 0, the usual Mitel attendant access code.
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
