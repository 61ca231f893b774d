package pstn

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// Member is the record's member that holds the rows fetched for it, so
// that a saved record reopens with them. Graph has no member of that name;
// the loader keeps members it does not know in the record's raw JSON, and
// redact replaces the numbers, names and ids in it as everywhere else (the
// same pseudonyms as the record's own, so the rows still match):
//
//	"callscope.pstn": {
//	  "fromDateTime": "2026-07-14T08:55:00Z", "toDateTime": "2026-07-14T09:27:00Z",
//	  "logs": [
//	    {"function": "getDirectRoutingCalls", "status": "fetched", "rowsInWindow": 12, "value": [rows as Graph sent them]},
//	    {"function": "getPstnCalls", "status": "forbidden", "error": "Graph refused access (403 …)"}
//	  ]
//	}
//
// "value" holds only the rows about the call (see MatchCall): the other
// calls in the window are not written, rowsInWindow counts them all.
const Member = "callscope.pstn"

// Embedded reads the rows a record holds in Member, nil when it has none.
func Embedded(r *data.Record) []*Source {
	// A plain search first: gjson would walk a big meeting's sessions
	// (93 MB) to find that the member is not there.
	if !strings.Contains(r.Raw, Member) {
		return nil
	}
	m := gjson.Get(r.Raw, `callscope\.pstn`)
	if !m.IsObject() {
		return nil
	}
	from := parseTime(m.Get("fromDateTime").String())
	to := parseTime(m.Get("toDateTime").String())
	var out []*Source
	m.Get("logs").ForEach(func(_, l gjson.Result) bool {
		fn := l.Get("function").String()
		src := &Source{Kind: kindOfFunction(fn), Name: fn, From: from, To: to,
			Error: l.Get("error").String(), Total: int(l.Get("rowsInWindow").Int())}
		switch l.Get("status").String() {
		case "forbidden":
			src.Status = Forbidden
		case "fetched":
			src.Status = Fetched
		default:
			src.Status = Failed
		}
		l.Get("value").ForEach(func(_, v gjson.Result) bool {
			if v.IsObject() {
				src.Rows = append(src.Rows, newRow(src.Kind, v))
			}
			return true
		})
		out = append(out, src)
		return true
	})
	return out
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func kindOfFunction(fn string) Kind {
	for k, info := range kinds {
		if k != int(Unknown) && info.function == fn {
			return Kind(k)
		}
	}
	return Unknown
}

// Embed adds Member to a record's JSON object, after its last member; the
// rest of the bytes stay as they were.
func Embed(raw []byte, sources []*Source, from, to time.Time) ([]byte, error) {
	body := bytes.TrimRight(raw, " \t\r\n")
	if len(body) < 2 || body[len(body)-1] != '}' || !gjson.ValidBytes(body) || bytes.TrimLeft(body, " \t\r\n")[0] != '{' {
		return nil, errors.New("the record is not a JSON object: the log rows cannot be added to it")
	}
	// A plain search first: gjson would walk a big meeting's sessions.
	if bytes.Contains(body, []byte(Member)) && gjson.GetBytes(body, `callscope\.pstn`).Exists() {
		return nil, errors.New("the record holds " + Member + " already")
	}
	inner := bytes.TrimSpace(body[1 : len(body)-1])
	// Room for the rows at once: growing a big meeting's bytes to fit them
	// would copy them again.
	room := len(raw) + 256
	for _, s := range sources {
		room += 128 + len(s.Name) + len(s.Error)
		for _, r := range s.Rows {
			room += len(r.Raw) + 1
		}
	}
	b := make([]byte, 0, room)
	b = append(b, body[:len(body)-1]...)
	b = bytes.TrimRight(b, " \t\r\n")
	if len(inner) > 0 {
		b = append(b, ',')
	}
	b = append(b, `"`+Member+`":{"fromDateTime":`...)
	b = text.AppendJSONTime(b, from, time.RFC3339)
	b = append(b, `,"toDateTime":`...)
	b = text.AppendJSONTime(b, to, time.RFC3339)
	b = append(b, `,"logs":[`...)
	for i, s := range sources {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"function":`...)
		b = text.AppendJSON(b, s.Name)
		b = append(b, `,"status":`...)
		b = text.AppendJSON(b, s.Status.String())
		if s.Status != Fetched {
			b = append(b, `,"error":`...)
			b = text.AppendJSON(b, s.Error)
		} else {
			b = append(b, `,"rowsInWindow":`...)
			b = strconv.AppendInt(b, int64(s.Total), 10)
			b = append(b, `,"value":[`...)
			for j, r := range s.Rows {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, r.Raw...)
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	b = append(b, "]}}"...)
	if len(raw) > len(body) {
		b = append(b, raw[len(body):]...) // the trailing new line, if any
	}
	return b, nil
}
