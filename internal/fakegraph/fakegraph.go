// Package fakegraph is a stand-in for Microsoft Graph's call records API,
// for tests and for trying callscope by hand (go run ./internal/fakegraph/cmd).
//
// It serves whole call records (read from files or generated) the way Graph
// does: GET /v1.0/communications/callRecords with $filter on startDateTime
// and participants_v2/any(p:p/id eq '…'), paged; GET …/callRecords/{id}
// with $expand=sessions($expand=segments), the sessions paged through
// sessions@odata.nextLink; GET …/callRecords/{id}/participants_v2, paged;
// GET /v1.0/users/{upn}; and the call logs getPstnCalls and
// getDirectRoutingCalls (see logs.go), paged. Every request needs the
// bearer token. It can throttle (429 with Retry-After) on a schedule, fail
// chosen records midway, refuse user look-ups and call logs (403), and
// raise records' versions between runs.
//
// Routes are a table (Server.Handle), so that other endpoints can be added
// beside these.
package fakegraph

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/generate"
)

// Options shape the fake's behaviour. Zero values give Graph's own page
// sizes and no trouble.
type Options struct {
	Token               string // the bearer token it accepts; "": DefaultToken
	SessionsPerPage     int    // 0: 60
	ParticipantsPerPage int    // 0: 130
	RecordsPerPage      int    // list; 0: 60
	// ThrottleEvery answers every Nth request (1-based) with 429 and
	// Retry-After: RetryAfter ("1" when empty). 0: never.
	ThrottleEvery int
	RetryAfter    string
	// Fail lists records whose fetch fails midway: their last sessions page
	// (the record itself when it has one page) answers 500.
	Fail []string
	// Users maps a UPN (any case) to its object id for GET /v1.0/users/{upn}.
	Users map[string]string
	// ForbidUsers answers user look-ups 403, as Graph does without
	// User.Read.All.
	ForbidUsers bool
	// LogRowsPerPage is the rows of a call log page; 0: Graph's 1,000.
	LogRowsPerPage int
	// ForbidLogs lists the call logs (PSTNCalls, DirectRoutingCalls) that
	// answer 403, as Graph does without CallRecord-PstnCalls.Read.All.
	ForbidLogs []string
}

// DefaultToken is the token the fake accepts unless told otherwise.
const DefaultToken = "fake-graph-token"

// Server is a fake Graph. Use it through an httptest.Server or
// http.ListenAndServe with Server as the handler.
type Server struct {
	o Options

	mu      sync.Mutex
	records []*record // by start time, then id
	byID    map[string]*record
	n       int // requests so far
	log     []string
	routes  []route
	logs    map[string][]logRow // call log rows by function, by start time
}

type route struct {
	pattern *regexp.Regexp
	handle  func(w http.ResponseWriter, r *http.Request, m []string)
}

// record is one call record, split as Graph serves it.
type record struct {
	id           string
	start        time.Time
	version      int64
	members      []member // top level, without sessions, participants_v2 and their nextLinks
	sessions     []string // raw JSON of each
	participants []string
	ids          []string // every participant and identity id, lower case, for the filter
}

type member struct{ key, raw string }

// New is a fake Graph with no records.
func New(o Options) *Server {
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.SessionsPerPage <= 0 {
		o.SessionsPerPage = 60
	}
	if o.ParticipantsPerPage <= 0 {
		o.ParticipantsPerPage = 130
	}
	if o.RecordsPerPage <= 0 {
		o.RecordsPerPage = 60
	}
	if o.RetryAfter == "" {
		o.RetryAfter = "1"
	}
	s := &Server{o: o, byID: map[string]*record{}}
	s.Handle(`^/v1\.0/communications/callRecords$`, s.list)
	s.Handle(`^/v1\.0/communications/callRecords/([^/]+)$`, s.record)
	s.Handle(`^/v1\.0/communications/callRecords/([^/]+)/sessions$`, s.sessionsPage)
	s.Handle(`^/v1\.0/communications/callRecords/([^/]+)/participants_v2$`, s.participantsPage)
	s.Handle(`^/v1\.0/users/([^/]+)$`, s.user)
	s.Handle(`^/v1\.0/communications/callRecords/(getPstnCalls|getDirectRoutingCalls)\(fromDateTime=([^,]+),toDateTime=([^)]+)\)$`, s.callLog)
	return s
}

// Handle adds a route: pattern matches the request's path; handle gets the
// submatches. Routes added later are tried first.
func (s *Server) Handle(pattern string, handle func(w http.ResponseWriter, r *http.Request, m []string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes = append([]route{{regexp.MustCompile(pattern), handle}}, s.routes...)
}

// Token is the bearer token the fake accepts.
func (s *Server) Token() string { return s.o.Token }

// Add takes a whole call record (raw Graph JSON, sessions and
// participants_v2 included) to serve.
func (s *Server) Add(raw []byte) error {
	if !gjson.ValidBytes(raw) {
		return errors.New("fakegraph: not JSON")
	}
	root := gjson.ParseBytes(raw)
	if !root.IsObject() {
		return errors.New("fakegraph: not a call record object")
	}
	rec := &record{}
	root.ForEach(func(k, v gjson.Result) bool {
		switch key := k.String(); key {
		case "sessions":
			for _, e := range v.Array() {
				rec.sessions = append(rec.sessions, e.Raw)
			}
		case "participants_v2":
			for _, e := range v.Array() {
				rec.participants = append(rec.participants, e.Raw)
				rec.ids = append(rec.ids, strings.ToLower(e.Get("id").String()))
				e.Get("identity").ForEach(func(_, id gjson.Result) bool {
					if x := id.Get("id").String(); x != "" {
						rec.ids = append(rec.ids, strings.ToLower(x))
					}
					return true
				})
			}
		case "sessions@odata.nextLink", "participants_v2@odata.nextLink":
		case "id":
			rec.id = v.String()
			rec.members = append(rec.members, member{key, v.Raw})
		case "version":
			rec.version = v.Int()
		case "startDateTime":
			rec.start, _ = time.Parse(time.RFC3339Nano, v.String())
			rec.members = append(rec.members, member{key, v.Raw})
		default:
			rec.members = append(rec.members, member{key, v.Raw})
		}
		return true
	})
	if rec.id == "" {
		return errors.New("fakegraph: the record has no id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.byID[rec.id]; old != nil {
		s.records = slices.DeleteFunc(s.records, func(r *record) bool { return r == old })
	}
	s.byID[rec.id] = rec
	s.records = append(s.records, rec)
	slices.SortStableFunc(s.records, func(a, b *record) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return nil
}

// AddDir adds every .json file in dir.
func (s *Server) AddDir(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := s.Add(b); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// Bump raises the version of the records named (all when none is) by one,
// as Graph does when a record changes after the call.
func (s *Server) Bump(ids ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.records {
		if len(ids) == 0 || slices.Contains(ids, r.id) {
			r.version++
		}
	}
}

// IDs are the records' ids, by start time.
func (s *Server) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.records {
		out = append(out, r.id)
	}
	return out
}

// Requests are the request URIs received so far, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// SetOptions changes the behaviour from the next request on.
func (s *Server) SetOptions(f func(o *Options)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.o)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.n++
	n := s.n
	s.log = append(s.log, r.URL.RequestURI())
	o := s.o
	routes := s.routes
	s.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+o.Token {
		Error(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.")
		return
	}
	if r.Method != http.MethodGet {
		Error(w, http.StatusMethodNotAllowed, "BadRequest", "Only GET is supported.")
		return
	}
	if o.ThrottleEvery > 0 && n%o.ThrottleEvery == 0 {
		w.Header().Set("Retry-After", o.RetryAfter)
		Error(w, http.StatusTooManyRequests, "TooManyRequests", "Too many requests.")
		return
	}
	for _, rt := range routes {
		if m := rt.pattern.FindStringSubmatch(r.URL.Path); m != nil {
			rt.handle(w, r, m)
			return
		}
	}
	Error(w, http.StatusNotFound, "NotFound", "Resource not found for the segment '"+r.URL.Path+"'.")
}

// Error writes Graph's error body.
func Error(w http.ResponseWriter, status int, code, msg string) {
	c, _ := json.Marshal(code)
	m, _ := json.Marshal(msg)
	w.Header().Set("request-id", "fake-"+strconv.Itoa(status))
	writeJSON(w, status, fmt.Sprintf(`{"error":{"code":%s,"message":%s,"innerError":{"request-id":"fake-%d"}}}`, c, m, status))
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// base is the scheme and host the request came to, for nextLinks.
func base(r *http.Request) string { return "http://" + r.Host }

func (s *Server) lookup(w http.ResponseWriter, id string) (*record, Options, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.byID[id]
	if rec == nil {
		Error(w, http.StatusNotFound, "NotFound", "The call record was not found.")
		return nil, s.o, false
	}
	return rec, s.o, true
}

// head is a record's top-level members with its current version.
func (rec *record) head(b *strings.Builder) {
	b.WriteString("{")
	for i, m := range rec.members {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "%q:%s", m.key, m.raw)
		if m.key == "id" {
			fmt.Fprintf(b, `,"version":%d`, rec.version)
		}
	}
}

func (s *Server) record(w http.ResponseWriter, r *http.Request, m []string) {
	rec, o, ok := s.lookup(w, m[1])
	if !ok {
		return
	}
	if r.URL.Query().Get("$expand") != "sessions($expand=segments)" {
		Error(w, http.StatusBadRequest, "BadRequest", "This fake serves records with $expand=sessions($expand=segments) only.")
		return
	}
	end := min(o.SessionsPerPage, len(rec.sessions))
	if end == len(rec.sessions) && slices.Contains(o.Fail, rec.id) {
		Error(w, http.StatusInternalServerError, "InternalServerError", "The fake was told to fail this record.")
		return
	}
	var b strings.Builder
	rec.head(&b)
	b.WriteString(`,"sessions":[` + strings.Join(rec.sessions[:end], ",") + "]")
	if end < len(rec.sessions) {
		fmt.Fprintf(&b, `,"sessions@odata.nextLink":%q`, s.next(r, "/v1.0/communications/callRecords/"+rec.id+"/sessions?$expand=segments", end))
	}
	b.WriteString("}")
	writeJSON(w, http.StatusOK, b.String())
}

func (s *Server) next(r *http.Request, path string, skip int) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return base(r) + path + sep + "$skiptoken=" + strconv.Itoa(skip)
}

func skipOf(r *http.Request) int {
	n, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
	return max(n, 0)
}

func (s *Server) sessionsPage(w http.ResponseWriter, r *http.Request, m []string) {
	rec, o, ok := s.lookup(w, m[1])
	if !ok {
		return
	}
	skip := min(skipOf(r), len(rec.sessions))
	end := min(skip+o.SessionsPerPage, len(rec.sessions))
	if end == len(rec.sessions) && slices.Contains(o.Fail, rec.id) {
		Error(w, http.StatusInternalServerError, "InternalServerError", "The fake was told to fail this record.")
		return
	}
	s.page(w, r, rec.sessions, skip, end, "/v1.0/communications/callRecords/"+rec.id+"/sessions?$expand=segments")
}

func (s *Server) participantsPage(w http.ResponseWriter, r *http.Request, m []string) {
	rec, o, ok := s.lookup(w, m[1])
	if !ok {
		return
	}
	skip := min(skipOf(r), len(rec.participants))
	s.page(w, r, rec.participants, skip, min(skip+o.ParticipantsPerPage, len(rec.participants)), "/v1.0/communications/callRecords/"+rec.id+"/participants_v2")
}

func (s *Server) page(w http.ResponseWriter, r *http.Request, elems []string, skip, end int, path string) {
	var b strings.Builder
	b.WriteString(`{"@odata.context":"` + base(r) + `/v1.0/$metadata#collection",`)
	if end < len(elems) {
		fmt.Fprintf(&b, `"@odata.nextLink":%q,`, s.next(r, path, end))
	}
	b.WriteString(`"value":[` + strings.Join(elems[skip:end], ",") + "]}")
	writeJSON(w, http.StatusOK, b.String())
}

var (
	filterStart       = regexp.MustCompile(`^startDateTime (ge|lt) (\S+)$`)
	filterParticipant = regexp.MustCompile(`^participants_v2/any\(p:p/id eq '([^']+)'\)$`)
)

// list serves the list of records that $filter selects, without their
// sessions and participants, as Graph's list does.
func (s *Server) list(w http.ResponseWriter, r *http.Request, _ []string) {
	q := r.URL.Query()
	var from, to time.Time
	var who string
	if f := q.Get("$filter"); f != "" {
		for _, part := range strings.Split(f, " and ") {
			var err error
			switch m, p := filterStart.FindStringSubmatch(part), filterParticipant.FindStringSubmatch(part); {
			case m != nil && m[1] == "ge":
				from, err = time.Parse(time.RFC3339, m[2])
			case m != nil:
				to, err = time.Parse(time.RFC3339, m[2])
			case p != nil:
				who = strings.ToLower(p[1])
			default:
				err = errors.New("unsupported")
			}
			if err != nil {
				Error(w, http.StatusBadRequest, "BadRequest", "Invalid filter clause: "+part)
				return
			}
		}
	}
	s.mu.Lock()
	var elems []string
	for _, rec := range s.records {
		if !from.IsZero() && rec.start.Before(from) || !to.IsZero() && !rec.start.Before(to) || who != "" && !slices.Contains(rec.ids, who) {
			continue
		}
		var b strings.Builder
		rec.head(&b)
		b.WriteString("}")
		elems = append(elems, b.String())
	}
	per := s.o.RecordsPerPage
	s.mu.Unlock()
	skip := min(skipOf(r), len(elems))
	path := "/v1.0/communications/callRecords"
	if f := q.Get("$filter"); f != "" {
		path += "?$filter=" + strings.ReplaceAll(url.QueryEscape(f), "+", "%20")
	}
	s.page(w, r, elems, skip, min(skip+per, len(elems)), path)
}

func (s *Server) user(w http.ResponseWriter, r *http.Request, m []string) {
	s.mu.Lock()
	o := s.o
	s.mu.Unlock()
	if o.ForbidUsers {
		Error(w, http.StatusForbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
		return
	}
	upn, _ := url.PathUnescape(m[1])
	for k, id := range o.Users {
		if strings.EqualFold(k, upn) {
			writeJSON(w, http.StatusOK, fmt.Sprintf(`{"@odata.context":"%s/v1.0/$metadata#users(id)/$entity","id":%q}`, base(r), id))
			return
		}
	}
	Error(w, http.StatusNotFound, "Request_ResourceNotFound", "Resource '"+upn+"' does not exist or one of its queried reference-property objects are not present.")
}

// Generate adds n generated meetings of the given size (samples.Generate,
// seeds seed, seed+1, …): their sessions come in pages when there are more
// than SessionsPerPage.
func (s *Server) Generate(n, sessions int, seed int64) error {
	for i := range n {
		var b strings.Builder
		if err := generate.Record(&b, generate.Options{Sessions: sessions, Seed: seed + int64(i)}); err != nil {
			return err
		}
		if err := s.Add([]byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}
