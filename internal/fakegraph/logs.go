package fakegraph

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Graph's call logs, as the fake serves them:
//
//	GET /v1.0/communications/callRecords/getPstnCalls(fromDateTime=…,toDateTime=…)
//	GET /v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=…,toDateTime=…)
//
// Rows whose call started in the range (getPstnCalls: toDateTime
// inclusive; getDirectRoutingCalls: exclusive), by start time, LogRowsPerPage
// a page with @odata.nextLink; a getPstnCalls range over 90 days is refused
// (400) as Graph refuses it; ForbidLogs answers 403 as Graph does without
// CallRecord-PstnCalls.Read.All.
const (
	PSTNCalls          = "getPstnCalls"
	DirectRoutingCalls = "getDirectRoutingCalls"
)

// maxPSTNRange is the longest range getPstnCalls takes.
const maxPSTNRange = 90 * 24 * time.Hour

// logRow is one row of a log, with the time it is selected by.
type logRow struct {
	start time.Time
	raw   string
}

var logRowTypes = map[string]string{PSTNCalls: "pstnCallLogRow", DirectRoutingCalls: "directRoutingLogRow"}

// AddLog takes rows for one of the logs (PSTNCalls or
// DirectRoutingCalls): Graph's {"value": [rows]}, an array of rows, or one
// row. A row is selected by its startDateTime, else its inviteDateTime or
// failureDateTime; a row with none of them is refused.
func (s *Server) AddLog(function string, raw []byte) error {
	if _, ok := logRowTypes[function]; !ok {
		return fmt.Errorf("fakegraph: no such log %q", function)
	}
	if !gjson.ValidBytes(raw) {
		return errors.New("fakegraph: the log is not JSON")
	}
	root := gjson.ParseBytes(raw)
	rows := root
	if root.IsObject() {
		if v := root.Get("value"); v.IsArray() {
			rows = v
		} else {
			rows = gjson.Parse("[" + root.Raw + "]")
		}
	}
	if !rows.IsArray() {
		return errors.New("fakegraph: the log holds no rows")
	}
	var add []logRow
	var err error
	rows.ForEach(func(_, v gjson.Result) bool {
		var t time.Time
		for _, k := range []string{"startDateTime", "inviteDateTime", "failureDateTime"} {
			if t, _ = time.Parse(time.RFC3339Nano, v.Get(k).String()); t.Year() > 1 {
				break
			}
		}
		if t.Year() <= 1 {
			err = fmt.Errorf("fakegraph: a row of %s has no start time: %.80s", function, v.Raw)
			return false
		}
		add = append(add, logRow{start: t, raw: v.Raw})
		return true
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.logs == nil {
		s.logs = map[string][]logRow{}
	}
	s.logs[function] = append(s.logs[function], add...)
	slices.SortStableFunc(s.logs[function], func(a, b logRow) int { return a.start.Compare(b.start) })
	return nil
}

// AddLogFile adds a saved log file, its log told by its @odata.context or
// the keys of its first row (correlationId: Direct Routing; callId or
// charge: PSTN calls).
func (s *Server) AddLogFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fn := ""
	ctx := gjson.GetBytes(b, `@odata\.context`).String()
	first := gjson.GetBytes(b, "value.0")
	if !first.Exists() {
		first = gjson.ParseBytes(b)
		if first.IsArray() {
			first = first.Get("0")
		}
	}
	switch {
	case strings.Contains(ctx, logRowTypes[DirectRoutingCalls]) || first.Get("correlationId").Exists():
		fn = DirectRoutingCalls
	case strings.Contains(ctx, logRowTypes[PSTNCalls]) || first.Get("callId").Exists() || first.Get("charge").Exists():
		fn = PSTNCalls
	default:
		return fmt.Errorf("fakegraph: %s: neither a PSTN calls log nor a Direct Routing log", path)
	}
	if err := s.AddLog(fn, b); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (s *Server) callLog(w http.ResponseWriter, r *http.Request, m []string) {
	function := m[1]
	s.mu.Lock()
	o := s.o
	all := s.logs[function]
	s.mu.Unlock()
	if slices.Contains(o.ForbidLogs, function) {
		Error(w, http.StatusForbidden, "Forbidden", "Missing role permissions on the request. API requires one of 'CallRecord-PstnCalls.Read.All, CallRecords.Read.All'.")
		return
	}
	from, err1 := time.Parse(time.RFC3339Nano, m[2])
	to, err2 := time.Parse(time.RFC3339Nano, m[3])
	switch {
	case err1 != nil || err2 != nil:
		Error(w, http.StatusBadRequest, "BadRequest", "fromDateTime and toDateTime must be dates and times such as 2026-11-01T00:00:00Z.")
		return
	case !to.After(from):
		Error(w, http.StatusBadRequest, "BadRequest", "toDateTime must be after fromDateTime.")
		return
	case function == PSTNCalls && to.Sub(from) > maxPSTNRange:
		Error(w, http.StatusBadRequest, "BadRequest", "The date range between fromDateTime and toDateTime cannot exceed 90 days.")
		return
	}
	var elems []string
	for _, row := range all {
		in := !row.start.Before(from) && row.start.Before(to)
		if function == PSTNCalls {
			in = !row.start.Before(from) && !row.start.After(to)
		}
		if in {
			elems = append(elems, row.raw)
		}
	}
	per := o.LogRowsPerPage
	if per <= 0 {
		per = 1000
	}
	skip := min(skipOf(r), len(elems))
	end := min(skip+per, len(elems))
	var b strings.Builder
	fmt.Fprintf(&b, `{"@odata.context":"%s/v1.0/$metadata#Collection(microsoft.graph.callRecords.%s)","@odata.count":%d,`, base(r), logRowTypes[function], end-skip)
	b.WriteString(`"value":[` + strings.Join(elems[skip:end], ",") + "]")
	if end < len(elems) {
		fmt.Fprintf(&b, `,"@odata.nextLink":%q`, s.next(r, r.URL.EscapedPath(), end))
	}
	b.WriteString("}")
	writeJSON(w, http.StatusOK, b.String())
}
