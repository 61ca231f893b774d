// Package pstn reads Microsoft Graph's PSTN and Direct Routing call logs
// (getPstnCalls, getDirectRoutingCalls, and the beta SMS, dial-out and
// blocked-users logs), fetches the rows of a call's time, and matches them
// to the call's PSTN legs: the SIP side of a call (final SIP code, phrase,
// Microsoft's sub-reason, the trunk), next to its legs.
//
// Rows keep every member Graph sent (Row.Fields); the typed view of each
// kind holds what callscope reads, missing values missing. Matching is pure:
// MatchCall and ForFile give the same answer for a fetched call, the saved
// file and its reopening, since the rows fetched for a call are saved in
// the record itself (Member).
package pstn
