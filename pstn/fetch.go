package pstn

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/text"
)

// Fetcher gets a call log's rows over a time range: graph.Client.CallLog.
type Fetcher interface {
	CallLog(ctx context.Context, function string, from, to time.Time) ([]byte, error)
}

// FetchWindow fetches both logs (Direct Routing, then Calling Plan) over
// the call's Window, every page, and keeps the rows about the call (see
// MatchCall). A log that fails is a Source that says why (Forbidden for a
// 403); only a cancelled ctx fails the whole. ok is false when the record
// has no times to fetch by.
func FetchWindow(ctx context.Context, c Fetcher, r *data.Record) (sources []*Source, from, to time.Time, ok bool, err error) {
	from, to, ok = Window(r)
	if !ok {
		return nil, from, to, false, nil
	}
	for _, k := range []Kind{DirectRouting, CallingPlan} {
		src := &Source{Kind: k, Name: k.Function(), From: from, To: to}
		raw, err := c.CallLog(ctx, k.Function(), from, to)
		if err == nil {
			var log *Log
			if log, err = ParseAs(k.Function(), raw, k); err == nil {
				src.Total = len(log.Rows)
				src.Rows = MatchCall(r, []*Source{{Kind: k, Rows: log.Rows}}).Rows()
			}
		}
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil, from, to, true, err
			}
			src.Status, src.Error = Failed, text.Clean(err.Error())
			if graph.Forbidden(err) {
				src.Status = Forbidden
			}
		}
		sources = append(sources, src)
	}
	return sources, from, to, true, nil
}

// Rows are the rows about the call: matched and unmatched, in the sources'
// order.
func (c *Call) Rows() []*Row {
	keep := map[*Row]bool{}
	for _, m := range c.Matches {
		keep[m.Row] = true
	}
	for _, u := range c.Unmatched {
		keep[u.Row] = true
	}
	var out []*Row
	for _, s := range c.Sources {
		for _, r := range s.Rows {
			if keep[r] {
				out = append(out, r)
				delete(keep, r)
			}
		}
	}
	return out
}

// AddToRecord fetches the logs of a call that has PSTN legs (FetchWindow)
// and returns the record's JSON with them in Member (Embed), to be loaded
// again: the file then holds its rows as a saved one does, and reopens as
// it was. raw is returned as it is, and fetched false, when the record has
// no PSTN legs or no times.
func AddToRecord(ctx context.Context, c Fetcher, r *data.Record, raw []byte) (out []byte, fetched bool, err error) {
	if len(Legs(r)) == 0 {
		return raw, false, nil
	}
	sources, from, to, ok, err := FetchWindow(ctx, c, r)
	if err != nil || !ok {
		return raw, false, err
	}
	out, err = Embed(raw, sources, from, to)
	if err != nil {
		return raw, false, err
	}
	return out, true, nil
}

// ForFile matches the rows each record of a file holds (Member) and the
// rows of the logs given (--pstn-log) to the file's records: one Call per
// record, in order. It is a pure function of its inputs: a fetched call, a
// saved one and its reopening give the same Calls.
func ForFile(f *data.File, logs []*Log) []*Call {
	out := make([]*Call, len(f.Records))
	for i, r := range f.Records {
		var sources []*Source
		legs := Legs(r)
		if len(legs) > 0 { // only a call with PSTN legs is saved with rows: a big meeting without is not scanned for them
			sources = Embedded(r)
		}
		for _, l := range logs {
			sources = append(sources, &Source{Kind: l.Kind, Name: l.Name, Status: Fetched, Total: len(l.Rows), Rows: l.Rows})
		}
		out[i] = matchCall(r, legs, sources)
	}
	return out
}
