package pstn

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"
	"unsafe"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/text"
)

// Fetcher gets a call log's rows over a time range: graph.Client.CallLog.
type Fetcher interface {
	CallLog(ctx context.Context, function string, from, to time.Time) ([]byte, error)
}

// FetchWindow fetches both logs (Direct Routing, then Calling Plan) over
// the call's Window, every page, and keeps the rows about the call (see
// MatchCall) and its legs (Legs(r), found once by the caller: on a big
// meeting they are a walk over every segment). A log that fails is a
// Source that says why (Forbidden for a 403); only a cancelled ctx fails
// the whole. ok is false when the record has no times to fetch by.
func FetchWindow(ctx context.Context, c Fetcher, r *data.Record, legs []*Leg) (sources []*Source, from, to time.Time, ok bool, err error) {
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
				src.Rows = matchCall(r, legs, []*Source{{Kind: k, Rows: log.Rows}}).Rows()
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
// and returns the record's JSON with them in Member (Embed): the file then
// holds its rows as a saved one does, and reopens as it was. raw is
// returned as it is, and fetched false, when the record has no PSTN legs
// or no times.
func AddToRecord(ctx context.Context, c Fetcher, r *data.Record, raw []byte) (out []byte, fetched bool, err error) {
	legs := Legs(r)
	if len(legs) == 0 {
		return raw, false, nil
	}
	sources, from, to, ok, err := FetchWindow(ctx, c, r, legs)
	if err != nil || !ok {
		return raw, false, err
	}
	out, err = Embed(raw, sources, from, to)
	if err != nil {
		return raw, false, err
	}
	return out, true, nil
}

// AddToFile is AddToRecord for a file just loaded from raw, as a fetch
// loads it: it returns the file with the log rows and the bytes that hold
// them, to save or keep (f and raw as they were when the call has no PSTN
// legs). The rows are not added by loading those bytes again: a big
// meeting's parse is most of its fetch, and Embed changes nothing of the
// record's JSON but its end, so the file is pointed at the new bytes where
// its views reach that end (attach). The cost: the model's other views
// still read raw, which so stays in memory beside out while the file
// lives, the record's size once more (a 7,500-session meeting: 88 MB of
// bytes, 73 MB of model), still below the three times its size serve's
// cache counts for bytes and model. out must not change afterwards, as
// for load.Load.
func AddToFile(ctx context.Context, c Fetcher, f *data.File, raw []byte) (*data.File, []byte, error) {
	if len(f.Records) != 1 {
		return f, raw, nil
	}
	out, fetched, err := AddToRecord(ctx, c, f.Records[0], raw)
	switch {
	case err != nil:
		return nil, nil, err
	case !fetched:
		return f, raw, nil
	case !attach(f, raw, out):
		// Not one bare record (Graph sends nothing else): load the bytes.
		g, err := load.Load(f.Name, out)
		return g, out, err
	}
	return f, out, nil
}

// attach points a file loaded from raw, one bare record, at out: raw with
// Member added at the end of the record's object (Embed), every byte
// before it the same. Only File.Raw and Record.Raw reach that end; every
// other view of raw reads what out holds in its place. False, and f as it
// was, when the record's object is not the whole document.
func attach(f *data.File, raw, out []byte) bool {
	r := f.Records[0]
	body := bytes.TrimRight(raw, jsonSpace)
	start := len(raw) - len(f.Raw) // after comment lines before the JSON
	lead := len(f.Raw) - len(strings.TrimLeft(f.Raw, jsonSpace))
	if f.Shape != data.ShapeRecord || f.Wrapped || start < 0 || start+lead > len(body) || r.Raw != string(body[start+lead:]) {
		return false
	}
	tail := len(raw) - len(body) // kept after the record by Embed
	f.Raw = unsafe.String(&out[start], len(out)-start)
	r.Raw = f.Raw[lead : len(f.Raw)-tail]
	f.Size = len(out)
	return true
}

// jsonSpace is the white space JSON allows around a value.
const jsonSpace = " \t\r\n"

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
