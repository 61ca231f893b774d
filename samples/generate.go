package samples

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// DefaultPoorShare is the share of streams Generate makes poor when GenOptions.PoorShare
// is zero.
const DefaultPoorShare = 0.05

// GenOptions controls Generate.
type GenOptions struct {
	// Sessions is the number of sessions in the record (0 or more).
	Sessions int
	// Seed selects the record: the same options always give the same bytes.
	Seed int64
	// PoorShare is the fraction of classifiable streams (audio, video and screen-sharing
	// streams that carry enough measurements) made poor by Microsoft's Call Quality
	// Dashboard rules, in [0, 1]. Zero selects DefaultPoorShare (0.05); any negative value
	// means no poor streams at all.
	PoorShare float64
	// NextLink adds a "sessions@odata.nextLink" after the sessions, as Graph does when
	// more pages of sessions remain.
	NextLink bool
}

// Generate writes one large synthetic Teams group-call record in the raw Microsoft Graph
// v1.0 shape of GET /communications/callRecords/{id}?$expand=sessions($expand=segments)
// (compact JSON, with OData annotations), followed by a newline. Each session joins one
// participant to the conference server; PSTN participants are reached through a mediation
// server and a gateway over two or three segments. The output is streamed through a
// buffered writer; one session is held in memory at a time. It averages about 12.4 KB per
// session, so 7,500 sessions make about 93 MB. The shape is the current one: organizer_v2,
// participants_v2 and associatedIdentity, without the organizer, participants and endpoint
// identity that Graph stopped returning on 2026-06-30.
func Generate(w io.Writer, o GenOptions) error {
	if o.Sessions < 0 {
		return fmt.Errorf("samples: Sessions must be 0 or more, got %d", o.Sessions)
	}
	poor := o.PoorShare
	switch {
	case math.IsNaN(poor) || poor > 1:
		return fmt.Errorf("samples: PoorShare must be at most 1, got %v", o.PoorShare)
	case poor == 0:
		poor = DefaultPoorShare
	case poor < 0:
		poor = 0
	}
	g := &gen{
		r:    rand.New(rand.NewPCG(uint64(o.Seed), 0x6a09e667f3bcc909)),
		poor: poor,
		b:    make([]byte, 0, 1<<17),
	}
	bw := bufio.NewWriterSize(w, 1<<18)
	g.setup(o.Sessions)
	g.header()
	if err := g.flush(bw); err != nil {
		return err
	}
	for i := range o.Sessions {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		g.session(i, o.Sessions)
		g.trim() // the separator is written before the next session, never flushed dangling
		if len(g.b) >= 1<<16 {
			if err := g.flush(bw); err != nil {
				return err
			}
		}
	}
	g.closeArr() // sessions
	if o.NextLink {
		g.str("sessions@odata.nextLink", "https://graph.microsoft.com/v1.0/communications/callRecords('"+
			g.callID+"')/sessions?$expand=segments&$skiptoken="+g.skipToken())
	}
	g.trim()
	g.b = append(g.b, '}', '\n')
	if err := g.flush(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// ---------------------------------------------------------------------------------------
// Fixed vocabularies. All names and addresses are fictional.

var firstNames = [...]string{
	"Aaliyah", "Adrian", "Aiko", "Alejandro", "Amara", "Anders", "Ania", "Arjun", "Beatriz",
	"Bruno", "Camille", "Carlos", "Chen", "Chloe", "Daniel", "Dmitri", "Elena", "Emeka",
	"Emma", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hassan", "Ingrid",
	"Isaac", "Ivana", "Jamal", "Javier", "Jin", "Julia", "Kai", "Kavya", "Kenji", "Lars",
	"Layla", "Leon", "Lucia", "Malik", "Marta", "Mateo", "Mei", "Mohammed", "Nadia", "Nikos",
	"Nora", "Oliver", "Olga", "Omar", "Priya", "Rafael", "Ravi", "Rosa", "Samir", "Sofia",
	"Tariq", "Thandiwe", "Tomas", "Valentina", "Wei", "Yusuf", "Zara",
}

var lastNames = [...]string{
	"Abbott", "Adeyemi", "Andersson", "Bauer", "Becker", "Bianchi", "Brennan", "Castillo",
	"Chowdhury", "Costa", "Dubois", "Eriksen", "Fernandes", "Fischer", "Garcia", "Haddad",
	"Hansen", "Hoffmann", "Ibrahim", "Ivanova", "Jansen", "Kapoor", "Kim", "Kowalski",
	"Larsen", "Laurent", "Lopez", "Mahlangu", "Martin", "Moreau", "Murphy", "Nakamura",
	"Nguyen", "Novak", "O'Connor", "Okonkwo", "Olsen", "Park", "Petrov", "Quinn", "Rahman",
	"Reyes", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka",
	"Teo", "Torres", "Varga", "Wagner", "Walsh", "Wang", "Weber", "Yamamoto", "Yilmaz",
	"Zhang", "Zielinski", "Mensah", "Haugen", "Duarte",
}

type platform struct {
	name     string // Graph clientPlatform
	weight   int
	headers  []string
	versions []string // applicationVersion, same index as headers; "" means null
	mobile   bool
	web      bool
	mac      bool
}

var platforms = [...]platform{
	{name: "windows", weight: 45,
		headers:  []string{"releases/CL2026.R02", "releases/CL2025.R25", "releases/CL2025.R22"},
		versions: []string{"49/26011815224", "49/25112011619", "49/25092606017"}},
	{name: "macOS", weight: 20, mac: true,
		headers:  []string{"releases/CL2026.R02", "releases/CL2025.R25"},
		versions: []string{"49/26011815224", "49/25112011619"}},
	{name: "web", weight: 12, web: true,
		headers: []string{
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36",
			"Mozilla/5.0 (X11; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0",
		},
		versions: []string{"", "", ""}},
	{name: "iOS", weight: 12, mobile: true,
		headers:  []string{"Teams/6.26.1 (iPhone15,3; iOS 18.3.1)", "Teams/6.25.4 (iPhone14,5; iOS 18.2)", "Teams/6.26.1 (iPad13,18; iPadOS 18.3)"},
		versions: []string{"6.26.1", "6.25.4", "6.26.1"}},
	{name: "android", weight: 11, mobile: true,
		headers:  []string{"Teams/1416/1.0.0.2026012301 (SM-S928B; Android 15)", "Teams/1416/1.0.0.2025121102 (Pixel 8; Android 15)", "Teams/1416/1.0.0.2026012301 (moto g84 5G; Android 14)"},
		versions: []string{"1416/1.0.0.2026012301", "1416/1.0.0.2025121102", "1416/1.0.0.2026012301"}},
}

type cpuInfo struct {
	name  string
	cores int
	mhz   int
}

var windowsCPUs = [...]cpuInfo{
	{"11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", 8, 2995},
	{"12th Gen Intel(R) Core(TM) i5-1245U", 12, 2496},
	{"Intel(R) Core(TM) Ultra 7 155H", 22, 2995},
	{"AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics", 16, 3301},
	{"Snapdragon(R) X Elite - X1E78100 - Qualcomm(R) Oryon(TM) CPU", 12, 3417},
	{"Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", 8, 1896},
	{"13th Gen Intel(R) Core(TM) i7-1365U", 12, 1805},
}

var macCPUs = [...]cpuInfo{
	{"Apple M1", 8, 3204},
	{"Apple M2", 8, 3504},
	{"Apple M3 Pro", 12, 4056},
	{"Apple M4", 10, 4400},
}

type audioDevice struct {
	capture, captureDriver, render, renderDriver string // "" means null
}

var windowsAudio = [...]audioDevice{
	{"Microphone Array (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1", "Speakers (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1"},
	{"Headset Microphone (Jabra Evolve2 65)", "Microsoft: 10.0.26100.1", "Headset Earphone (Jabra Evolve2 65)", "Microsoft: 10.0.26100.1"},
	{"Microphone (Poly Voyager Focus 2)", "Microsoft: 10.0.22621.4111", "Headphones (Poly Voyager Focus 2)", "Microsoft: 10.0.22621.4111"},
	{"Echo Cancelling Speakerphone (Jabra Speak2 75)", "Microsoft: 10.0.26100.1", "Echo Cancelling Speakerphone (Jabra Speak2 75)", "Microsoft: 10.0.26100.1"},
	{"Microphone Array (Intel\u00ae Smart Sound Technology for Digital Microphones)", "Intel Corporation: 10.29.0.9677", "Speakers (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1"},
}

var macAudio = [...]audioDevice{
	{"MacBook Pro Microphone", "Apple Inc.: 15.3", "MacBook Pro Speakers", "Apple Inc.: 15.3"},
	{"AirPods Pro", "Apple Inc.: 15.3", "AirPods Pro", "Apple Inc.: 15.3"},
	{"Jabra Evolve2 75", "Apple Inc.: 15.3", "Jabra Evolve2 75", "Apple Inc.: 15.3"},
}

var webAudio = [...]audioDevice{{"Default", "", "Default", ""}}
var iosAudio = [...]audioDevice{{"iPhone Microphone", "", "Receiver", ""}, {"iPhone Microphone", "", "Speaker", ""}}
var androidAudio = [...]audioDevice{{"Built-in microphone", "", "Earpiece", ""}, {"Bluetooth headset", "", "Bluetooth headset", ""}}

var cameras = [...]string{"Integrated Camera", "Logitech BRIO", "FaceTime HD Camera", "Microsoft LifeCam HD-3000", "Surface Camera Front", "Front Camera"}

type wifiAdapter struct{ vendor, version string }

var wifiAdapters = [...]wifiAdapter{
	{"Intel(R) Wi-Fi 6E AX211 160MHz", "Intel:23.110.0.5"},
	{"Intel(R) Wi-Fi 6 AX201 160MHz", "Intel:22.250.1.2"},
	{"Intel(R) Wireless-AC 9560 160MHz", "Intel:22.200.0.6"},
	{"Qualcomm FastConnect 7800 Wi-Fi 7 High Band Simultaneous (HBS) Network Adapter", "Qualcomm:3.1.0.1254"},
	{"Realtek RTL8852BE WiFi 6 802.11ax PCIe Adapter", "Realtek:6001.16.151.0"},
}

var dnsSuffixes = [...]string{"corp.contoso.com", "emea.contoso.com", "home.arpa", "lan", "fritz.box", ""}
var wifiLinkSpeeds = [...]int64{72200000, 144400000, 300000000, 526500000, 866700000, 1201000000}
var areaCodes = [...]string{"206", "212", "303", "312", "415", "425", "512", "617", "702", "919"}
var failureReasons = [...]string{"MediaConnectivityErrors", "MediaTimeout", "NetworkConnectivityErrors", "UnexpectedClientError"}
var feedbackTokens = [...]string{"NoSound", "OtherNoSound", "Echo", "Noisy", "LowVolume", "Stopped", "DistortedSound", "Interruptions", "FrozenVideo", "PixelatedVideo"}
var ratings = [...]string{"excellent", "good", "fair", "poor", "bad"}
var sbcs = [...]string{"sbc1.contoso.com/Contoso-SBC/9.2.1", "sbc2.contoso.com/Contoso-SBC/9.2.1", "sbc-eu.contoso.com/Contoso-SBC/9.1.7"}

const (
	kindUser = iota
	kindGuest
	kindPhone
)

// person is one participant; its device and network stay the same over its sessions.
type person struct {
	kind     int
	id       string
	name     string
	upn      string
	plat     *platform
	ua       int
	machine  string // "" means null
	cpu      *cpuInfo
	audio    *audioDevice
	camera   string
	conn     string // wired, wifi, mobile
	ip       [4]byte
	mac      string // "" means empty string, "-" means null
	wifi     *wifiAdapter
	band24   bool
	bssid    string
	channel  int
	battery  int // -1 means null
	link     int64
	dns      string
	reflexIP byte
}

type feedback struct {
	rating string
	text   string
	tokens []string // tokens set to true; the others are false
}

// ---------------------------------------------------------------------------------------

type gen struct {
	r      *rand.Rand
	b      []byte
	poor   float64
	tenant string
	callID string
	t0     time.Time
	tEnd   time.Time
	people []person
}

func (g *gen) flush(w *bufio.Writer) error {
	_, err := w.Write(g.b)
	g.b = g.b[:0]
	return err
}

// setup draws the call and its participants.
func (g *gen) setup(sessions int) {
	g.tenant = g.uuid()
	g.callID = g.uuid()
	g.t0 = time.Date(2026, time.February, 17, 15, 0, 0, 0, time.UTC).
		Add(time.Duration(g.r.IntN(3600)) * time.Second).
		Add(time.Duration(g.r.IntN(10_000_000)) * 100)
	g.tEnd = g.t0.Add(95*time.Minute + time.Duration(g.r.IntN(300_000))*time.Millisecond)
	n := sessions * 4 / 5
	if n < 1 {
		n = 1
	}
	g.people = make([]person, n)
	for i := range g.people {
		g.people[i] = g.newPerson(i == 0)
	}
}

func (g *gen) newPerson(organizer bool) person {
	var p person
	switch x := g.r.IntN(100); {
	case organizer || x < 85:
		p.kind = kindUser
	case x < 93:
		p.kind = kindGuest
	default:
		p.kind = kindPhone
	}
	first, last := firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
	switch p.kind {
	case kindPhone:
		p.id = "+1" + areaCodes[g.r.IntN(len(areaCodes))] + "55501" + twoDigits(g.r.IntN(100))
		return p
	case kindGuest:
		p.id = g.uuid()
		p.name = first + " " + last + " (Guest)"
	default:
		p.id = g.uuid()
		p.name = first + " " + last
		p.upn = strings.ToLower(first+"."+strings.ReplaceAll(last, "'", "")) + "@contoso.com"
	}
	w := g.r.IntN(100)
	if organizer {
		w = 0
	}
	for i := range platforms {
		if w < platforms[i].weight {
			p.plat = &platforms[i]
			break
		}
		w -= platforms[i].weight
	}
	p.ua = g.r.IntN(len(p.plat.headers))
	switch {
	case p.plat.web:
		p.audio = &webAudio[0]
		p.camera = "Integrated Camera"
	case p.plat.mobile:
		if p.plat.name == "iOS" {
			p.machine = "iPhone"
			p.audio = &iosAudio[g.r.IntN(len(iosAudio))]
		} else {
			p.machine = "Android"
			p.audio = &androidAudio[g.r.IntN(len(androidAudio))]
		}
		p.camera = "Front Camera"
	case p.plat.mac:
		p.machine = first + "s-MacBook-Pro"
		p.cpu = &macCPUs[g.r.IntN(len(macCPUs))]
		p.audio = &macAudio[g.r.IntN(len(macAudio))]
		p.camera = cameras[2]
	default:
		if g.r.IntN(2) == 0 {
			p.machine = "CONTOSO-LT-" + strconv.Itoa(1000+g.r.IntN(9000))
		} else {
			p.machine = "DESKTOP-" + g.alnum(7)
		}
		p.cpu = &windowsCPUs[g.r.IntN(len(windowsCPUs))]
		p.audio = &windowsAudio[g.r.IntN(len(windowsAudio))]
		p.camera = cameras[g.r.IntN(len(cameras)-1)]
	}
	x := g.r.IntN(100)
	switch {
	case p.plat.mobile && x < 45:
		p.conn = "mobile"
	case !p.plat.mobile && x < 40:
		p.conn = "wired"
	default:
		p.conn = "wifi"
	}
	switch p.conn {
	case "wired":
		p.ip = [4]byte{10, byte(g.r.IntN(256)), byte(g.r.IntN(256)), byte(2 + g.r.IntN(250))}
		p.link = 1000000000
		if g.r.IntN(4) == 0 {
			p.link = 100000000
		}
		p.battery = -1
	case "wifi":
		p.ip = [4]byte{192, 168, byte(g.r.IntN(5) * 10), byte(2 + g.r.IntN(250))}
		p.link = wifiLinkSpeeds[g.r.IntN(len(wifiLinkSpeeds))]
		p.band24 = g.r.IntN(4) == 0
		if p.band24 {
			p.channel = [...]int{1, 6, 11}[g.r.IntN(3)]
			p.link = wifiLinkSpeeds[g.r.IntN(2)]
		} else {
			p.channel = [...]int{36, 40, 44, 48, 100, 149, 153, 157}[g.r.IntN(8)]
		}
		p.bssid = g.macAddr()
		p.battery = g.r.IntN(101)
		if p.plat.name == "windows" {
			p.wifi = &wifiAdapters[g.r.IntN(len(wifiAdapters))]
		}
	default: // mobile
		p.ip = [4]byte{10, byte(g.r.IntN(256)), byte(g.r.IntN(256)), byte(2 + g.r.IntN(250))}
		p.link = 4294967295
		p.battery = g.r.IntN(101)
	}
	switch {
	case p.plat.mobile || p.plat.web:
		p.mac = "-"
	case g.r.IntN(5) == 0:
		p.mac = ""
	default:
		p.mac = g.macAddr()
	}
	if p.conn == "mobile" {
		p.dns = "-"
	} else if p.conn == "wired" && g.r.IntN(3) > 0 {
		p.dns = dnsSuffixes[g.r.IntN(2)]
	} else {
		p.dns = dnsSuffixes[2+g.r.IntN(len(dnsSuffixes)-2)]
	}
	p.reflexIP = byte(1 + g.r.IntN(254))
	return p
}

// ---------------------------------------------------------------------------------------
// The record.

func (g *gen) header() {
	const meta = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords"
	org := &g.people[0]
	g.b = append(g.b, '{')
	g.str("@odata.context", meta+"(sessions(segments()))/$entity")
	g.str("id", g.callID)
	g.int("version", int64(1+g.r.IntN(3)))
	g.str("type", "groupCall")
	g.raw(`"modalities":["audio","video","screenSharing"],`)
	g.time("lastModifiedDateTime", g.tEnd.Add(time.Duration(15+g.r.IntN(40))*time.Minute+time.Duration(g.r.IntN(10_000_000))*100))
	g.time("startDateTime", g.t0)
	g.time("endDateTime", g.tEnd)
	g.str("joinWebUrl", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_"+g.alnum(48)+
		"%40thread.v2/0?context=%7b%22Tid%22%3a%22"+g.tenant+"%22%2c%22Oid%22%3a%22"+org.id+"%22%7d")
	// Only the v2 organizer and participants: Graph stopped returning the
	// deprecated ones on 2026-06-30.
	g.str("organizer_v2@odata.context", meta+"('"+g.callID+"')/organizer_v2/$entity")
	g.obj("organizer_v2")
	g.participantV2(org)
	g.raw(`"administrativeUnitInfos":[],`)
	g.close()
	g.str("participants_v2@odata.context", meta+"('"+g.callID+"')/participants_v2")
	g.arr("participants_v2")
	for i := range g.people {
		g.open()
		g.participantV2(&g.people[i])
		g.close()
	}
	g.closeArr()
	g.str("sessions@odata.context", meta+"('"+g.callID+"')/sessions(segments())")
	g.arr("sessions")
}

func (g *gen) participantV2(p *person) {
	g.str("id", p.id)
	g.obj("identity")
	g.identityKind(p)
	g.close()
}

// identityKind writes the one identity a person has ("user", "guest" or "phone") as a
// member of the enclosing identity set, as participants_v2 does: a user's with its OData
// type and userPrincipalName.
func (g *gen) identityKind(p *person) {
	switch p.kind {
	case kindPhone:
		g.obj("phone")
		g.str("id", p.id)
		g.raw(`"displayName":null,"tenantId":null,`)
	case kindGuest:
		g.obj("guest")
		g.str("id", p.id)
		g.str("displayName", p.name)
		g.null("tenantId")
	default:
		g.obj("user")
		g.str("@odata.type", "#microsoft.graph.userIdentity")
		g.str("id", p.id)
		g.str("displayName", p.name)
		g.str("tenantId", g.tenant)
		g.str("userPrincipalName", p.upn)
	}
	g.close()
}

// ---------------------------------------------------------------------------------------
// Sessions.

type mediaKind int

const (
	mAudio mediaKind = iota
	mVideo
	mVBSS
	mData
)

func (g *gen) session(i, n int) {
	var p *person
	if i < len(g.people) {
		p = &g.people[i]
	} else {
		p = &g.people[g.r.IntN(len(g.people))]
	}
	// Joins spread over the first 80 minutes; everyone leaves before the call ends.
	start := g.t0.Add(time.Duration(int64(i) * int64(80*time.Minute) / int64(max(n, 1)))).
		Add(time.Duration(g.r.Int64N(int64(20 * time.Second))))
	if i == 0 {
		start = g.t0
	}
	left := g.tEnd.Sub(start)
	dur := time.Duration(g.r.Int64N(int64(left-time.Minute))) + time.Minute
	if g.r.IntN(2) == 0 || i == 0 {
		dur = left - time.Duration(g.r.Int64N(int64(min(left/4, 5*time.Minute))))
	}
	if i == 0 {
		dur = left
	}
	var fail *[2]string
	if i > 0 && g.r.IntN(100) == 0 {
		stage := "callSetup"
		if g.r.IntN(10) < 3 {
			stage = "midcall"
		} else {
			dur = time.Duration(5+g.r.IntN(40)) * time.Second
		}
		fail = &[2]string{stage, failureReasons[g.r.IntN(len(failureReasons))]}
	}
	end := start.Add(dur)
	sid := g.uuid()

	if p.kind == kindPhone {
		g.pstnSession(p, sid, start, end, fail)
		return
	}

	kinds := make([]mediaKind, 0, 4)
	kinds = append(kinds, mAudio)
	setupFailed := fail != nil && fail[0] == "callSetup"
	if !setupFailed {
		if i == 0 || g.r.IntN(100) < 70 {
			kinds = append(kinds, mVideo)
		}
		if i == 0 || g.r.IntN(100) < 28 {
			kinds = append(kinds, mVBSS)
		}
		if g.r.IntN(100) < 20 {
			kinds = append(kinds, mData)
		}
	}
	fb := g.feedback()

	g.open()
	g.str("id", sid)
	g.modalities(kinds)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.raw(`"isTest":false,`)
	g.failure(fail)
	g.key("caller")
	g.participantEndpoint(p, fb)
	g.key("callee")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
	g.arr("segments")
	g.open()
	g.str("id", sid)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.failure(fail)
	g.key("caller")
	g.participantEndpoint(p, fb)
	g.key("callee")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
	g.arr("media")
	secs := int(dur / time.Second)
	for _, k := range kinds {
		g.clientMedia(p, k, secs, setupFailed)
	}
	g.closeArr() // media
	g.close()    // segment
	g.closeArr() // segments
	g.close()    // session
}

func (g *gen) modalities(kinds []mediaKind) {
	g.raw(`"modalities":["audio"`)
	for _, k := range kinds {
		switch k {
		case mVideo:
			g.raw(`,"video"`)
		case mVBSS:
			g.raw(`,"screenSharing"`)
		}
	}
	g.raw(`],`)
}

func (g *gen) failure(f *[2]string) {
	if f == nil {
		g.null("failureInfo")
		return
	}
	g.obj("failureInfo")
	g.str("stage", f[0])
	g.str("reason", f[1])
	g.close()
}

func (g *gen) feedback() feedback {
	if g.r.IntN(100) < 85 {
		return feedback{rating: "notRated"}
	}
	f := feedback{rating: ratings[g.r.IntN(len(ratings))]}
	if f.rating == "poor" || f.rating == "bad" {
		f.tokens = []string{feedbackTokens[g.r.IntN(len(feedbackTokens))]}
		if g.r.IntN(3) == 0 {
			f.text = "Audio kept cutting out"
		}
	}
	return f
}

func (g *gen) participantEndpoint(p *person, fb feedback) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.participantEndpoint")
	g.strN("name", p.machine)
	if p.cpu != nil {
		g.str("cpuName", p.cpu.name)
		g.int("cpuCoresCount", int64(p.cpu.cores))
		g.int("cpuProcessorSpeedInMhz", int64(p.cpu.mhz))
	} else {
		g.raw(`"cpuName":null,"cpuCoresCount":null,"cpuProcessorSpeedInMhz":null,`)
	}
	g.obj("userAgent")
	g.str("@odata.type", "#microsoft.graph.callRecords.clientUserAgent")
	g.str("headerValue", p.plat.headers[p.ua])
	g.strN("applicationVersion", p.plat.versions[p.ua])
	g.str("platform", p.plat.name)
	g.raw(`"productFamily":"teams","communicationServiceId":null,"azureADAppId":null},`)
	g.obj("associatedIdentity")
	g.str("id", p.id)
	g.str("displayName", p.name)
	if p.kind == kindUser {
		g.str("tenantId", g.tenant)
		g.str("userPrincipalName", p.upn)
	} else {
		g.raw(`"tenantId":null,"userPrincipalName":null,`)
	}
	g.close()
	g.obj("feedback")
	g.strN("text", fb.text)
	g.str("rating", fb.rating)
	g.obj("tokens")
	if len(fb.tokens) > 0 {
		for _, t := range feedbackTokens[:8] {
			g.bool(t, t == fb.tokens[0])
		}
		if fb.tokens[0] == "FrozenVideo" || fb.tokens[0] == "PixelatedVideo" {
			g.bool(fb.tokens[0], true)
		}
	}
	g.close()
	g.close()
	g.close()
}

func (g *gen) phoneEndpoint(p *person) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.participantEndpoint")
	g.raw(`"name":null,"cpuName":null,"cpuCoresCount":null,"cpuProcessorSpeedInMhz":null,`)
	g.raw(`"userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","headerValue":null,"applicationVersion":null,"platform":"unknown","productFamily":"unknown","communicationServiceId":null,"azureADAppId":null},`)
	// The number is the id, as in the participants_v2 entry that names it.
	g.obj("associatedIdentity")
	g.str("id", p.id)
	g.raw(`"displayName":null,"tenantId":null,"userPrincipalName":null,`)
	g.close()
	g.close()
}

func (g *gen) serviceEndpoint(role, header string) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint")
	g.obj("userAgent")
	g.str("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent")
	switch role {
	case "skypeForBusinessAudioVideoMcu":
		header = "Microsoft.Skype.AVMCU/2026.2.9.4"
	case "mediationServer":
		header = "RTCC/7.0.0.0 MediationServer/2026.1.30.2"
	}
	g.str("headerValue", header)
	g.null("applicationVersion")
	g.str("role", role)
	g.close()
	g.close()
}

// ---------------------------------------------------------------------------------------
// Media.

func (g *gen) clientMedia(p *person, k mediaKind, secs int, setupFailed bool) {
	g.open()
	label, port := "main-audio", 3479
	switch k {
	case mVideo:
		label, port = "main-video", 3480
	case mVBSS:
		label, port = "applicationsharing-video", 3481
	case mData:
		label, port = "data", 3481
	}
	g.str("label", label)
	g.key("callerNetwork")
	g.clientNetwork(p, port, k == mAudio, setupFailed)
	g.key("calleeNetwork")
	g.serverNetwork(port, setupFailed)
	g.key("callerDevice")
	g.clientDevice(p, k, setupFailed)
	g.key("calleeDevice")
	g.nullDevice()
	g.arr("streams")
	for dir := range 2 {
		g.open()
		g.streamID()
		g.raw(`"startDateTime":null,"endDateTime":null,`)
		if dir == 0 {
			g.str("streamDirection", "callerToCallee")
		} else {
			g.str("streamDirection", "calleeToCaller")
		}
		switch {
		case k == mData || setupFailed:
			g.emptyStream()
		case k == mAudio:
			g.audioStream(p, secs, dir, "")
		default:
			g.videoStream(p, secs, k)
		}
		g.close()
	}
	g.closeArr()
	g.close()
}

func (g *gen) clientNetwork(p *person, port int, audio, setupFailed bool) {
	g.b = append(g.b, '{')
	g.ip("ipAddress", p.ip)
	g.ip("subnet", [4]byte{p.ip[0], p.ip[1], p.ip[2], 0})
	g.int("linkSpeed", p.link)
	g.str("connectionType", p.conn)
	g.int("port", int64(50000+g.r.IntN(60)))
	g.ip("reflexiveIPAddress", [4]byte{203, 0, 113, p.reflexIP})
	if setupFailed {
		g.raw(`"relayIPAddress":"","relayPort":null,`)
	} else {
		g.ip("relayIPAddress", [4]byte{198, 51, 100, byte(10 + g.r.IntN(40))})
		g.int("relayPort", int64(port))
	}
	switch p.mac {
	case "-":
		g.null("macAddress")
	default:
		g.str("macAddress", p.mac)
	}
	if p.wifi != nil {
		g.raw(`"wifiMicrosoftDriver":"","wifiMicrosoftDriverVersion":"Microsoft:10.0.26100.4484",`)
		g.str("wifiVendorDriver", p.wifi.vendor)
		g.str("wifiVendorDriverVersion", p.wifi.version)
	} else {
		g.raw(`"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,`)
	}
	if p.conn == "wifi" {
		g.int("wifiChannel", int64(p.channel))
		if p.band24 {
			g.str("wifiBand", "frequency24GHz")
		} else {
			g.str("wifiBand", "frequency50GHz")
		}
		g.str("basicServiceSetIdentifier", p.bssid)
		switch {
		case p.band24 && p.link < 100000000:
			g.str("wifiRadioType", "wifi80211n")
		case p.link < 800000000:
			g.str("wifiRadioType", "wifi80211ac")
		default:
			g.str("wifiRadioType", "wifi80211ax")
		}
		sig := 30 + g.r.IntN(71)
		if p.band24 {
			sig -= 15
		}
		g.int("wifiSignalStrength", int64(sig))
	} else {
		g.raw(`"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,`)
	}
	if p.battery >= 0 && p.conn == "wifi" {
		g.int("wifiBatteryCharge", int64(p.battery))
	} else {
		g.null("wifiBatteryCharge")
	}
	if p.dns == "-" {
		g.null("dnsSuffix")
	} else {
		g.str("dnsSuffix", p.dns)
	}
	if audio && !setupFailed {
		bad := p.conn != "wired"
		g.ratio("sentQualityEventRatio", bad)
		g.ratio("receivedQualityEventRatio", bad)
		g.ratio("delayEventRatio", bad)
		g.ratio("bandwidthLowEventRatio", bad && p.conn == "mobile")
	} else {
		g.raw(`"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,`)
	}
	if setupFailed {
		g.str("networkTransportProtocol", "unknown")
	} else if g.r.IntN(20) == 0 {
		g.str("networkTransportProtocol", "tcp")
	} else {
		g.str("networkTransportProtocol", "udp")
	}
	g.arr("traceRouteHops")
	if audio && !setupFailed && g.r.IntN(100) < 8 {
		hops := 3 + g.r.IntN(4)
		rtt := 1 + g.r.IntN(4)
		if p.conn != "wired" {
			rtt += 5 + g.r.IntN(20)
		}
		for h := 1; h <= hops; h++ {
			g.open()
			g.int("hopCount", int64(h))
			switch {
			case h == 1:
				g.ip("ipAddress", [4]byte{p.ip[0], p.ip[1], p.ip[2], 1})
			case h == hops:
				g.ip("ipAddress", [4]byte{198, 51, 100, byte(10 + g.r.IntN(40))})
			case h == 2:
				g.ip("ipAddress", [4]byte{10, byte(g.r.IntN(256)), 0, 1})
			default:
				g.ip("ipAddress", [4]byte{203, 0, 113, byte(1 + g.r.IntN(254))})
			}
			g.dur("roundTripTime", rtt)
			rtt += 1 + g.r.IntN(12)
			g.close()
		}
	}
	g.closeArr()
	g.close()
}

// ratio writes a network or device event ratio: mostly 0, sometimes a small fraction.
func (g *gen) ratio(k string, likely bool) {
	x := g.r.IntN(100)
	switch {
	case x < 4:
		g.null(k)
	case likely && x < 40, x > 92:
		g.fix(k, int64(1+g.r.IntN(25)), 2)
	default:
		g.raw(`"`)
		g.raw(k)
		g.raw(`":0,`)
	}
}

func (g *gen) serverNetwork(port int, setupFailed bool) {
	g.b = append(g.b, '{')
	if setupFailed {
		g.str("ipAddress", "")
	} else {
		g.ip("ipAddress", [4]byte{10, 224, byte(32 + g.r.IntN(16)), byte(2 + g.r.IntN(250))})
	}
	g.raw(`"subnet":null,"linkSpeed":0,"connectionType":"wired",`)
	g.int("port", int64(port))
	g.raw(`"reflexiveIPAddress":"","relayIPAddress":null,"relayPort":null,"macAddress":null,"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,"wifiBatteryCharge":null,"dnsSuffix":null,"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,"networkTransportProtocol":"udp","traceRouteHops":[]},`)
}

// sbcNetwork is a network of a server reached over the Internet (mediation server to
// gateway legs): private address behind NAT, public reflexive address.
func (g *gen) sbcNetwork(ip [4]byte, port int, reflex byte) {
	g.b = append(g.b, '{')
	g.ip("ipAddress", ip)
	g.ip("subnet", [4]byte{ip[0], ip[1], ip[2], 0})
	g.raw(`"linkSpeed":1000000000,"connectionType":"wired",`)
	g.int("port", int64(port))
	if reflex != 0 {
		g.ip("reflexiveIPAddress", [4]byte{203, 0, 113, reflex})
	} else {
		g.raw(`"reflexiveIPAddress":"",`)
	}
	g.raw(`"relayIPAddress":null,"relayPort":null,"macAddress":null,"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,"wifiBatteryCharge":null,"dnsSuffix":null,"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,"networkTransportProtocol":"udp","traceRouteHops":[]},`)
}

func (g *gen) clientDevice(p *person, k mediaKind, setupFailed bool) {
	if k != mAudio {
		g.b = append(g.b, '{')
		if k == mVideo {
			g.str("captureDeviceName", p.camera)
		} else {
			g.null("captureDeviceName")
		}
		g.raw(`"captureDeviceDriver":null,"renderDeviceName":null,"renderDeviceDriver":null,"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,`)
		if k == mData {
			g.null("cpuInsufficentEventRatio")
		} else {
			g.ratio("cpuInsufficentEventRatio", p.cpu != nil && p.cpu.cores <= 8)
		}
		g.raw(`"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":null,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
		return
	}
	a := p.audio
	g.b = append(g.b, '{')
	g.str("captureDeviceName", a.capture)
	g.strN("captureDeviceDriver", a.captureDriver)
	g.str("renderDeviceName", a.render)
	g.strN("renderDeviceDriver", a.renderDriver)
	if setupFailed {
		g.raw(`"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,"cpuInsufficentEventRatio":null,"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":null,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
		return
	}
	g.int("sentSignalLevel", int64(-35+g.r.IntN(20)))
	g.intOrNull("receivedSignalLevel", int64(-30+g.r.IntN(20)), g.r.IntN(10) == 0)
	g.int("sentNoiseLevel", int64(-85+g.r.IntN(30)))
	g.intOrNull("receivedNoiseLevel", int64(-90+g.r.IntN(25)), g.r.IntN(10) == 0)
	if g.r.IntN(3) == 0 {
		g.null("initialSignalLevelRootMeanSquare")
	} else {
		g.fix("initialSignalLevelRootMeanSquare", int64(2000000+g.r.IntN(14000000)), 5)
	}
	g.ratio("cpuInsufficentEventRatio", p.cpu != nil && p.cpu.cores <= 8)
	g.ratio("renderNotFunctioningEventRatio", false)
	g.ratio("captureNotFunctioningEventRatio", false)
	g.ratio("deviceGlitchEventRatio", p.plat.name == "windows")
	g.ratio("lowSpeechToNoiseEventRatio", p.conn != "wired")
	g.ratio("lowSpeechLevelEventRatio", false)
	g.ratio("deviceClippingEventRatio", false)
	if g.r.IntN(25) == 0 {
		g.int("howlingEventCount", int64(1+g.r.IntN(4)))
	} else {
		g.raw(`"howlingEventCount":0,`)
	}
	g.ratio("renderZeroVolumeEventRatio", false)
	g.ratio("renderMuteEventRatio", false)
	if p.plat.web || p.plat.mobile {
		g.raw(`"micGlitchRate":null,"speakerGlitchRate":null,`)
	} else {
		g.fix("micGlitchRate", int64(g.r.IntN(300)), 1)
		g.fix("speakerGlitchRate", int64(g.r.IntN(120)), 1)
	}
	g.close()
}

func (g *gen) nullDevice() {
	g.raw(`{"captureDeviceName":null,"captureDeviceDriver":null,"renderDeviceName":null,"renderDeviceDriver":null,"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,"cpuInsufficentEventRatio":null,"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":0,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
}

func (g *gen) streamID() {
	g.raw(`"streamId":"`)
	g.b = strconv.AppendUint(g.b, uint64(g.r.Uint32()), 10)
	g.raw(`",`)
}

const nullVideo = `"postForwardErrorCorrectionPacketLossRate":null,"averageVideoFrameLossPercentage":null,"averageReceivedFrameRate":null,"lowFrameRateRatio":null,"averageVideoPacketLossRate":null,"averageVideoFrameRate":null,"lowVideoProcessingCapabilityRatio":null,`

// emptyStream is a stream that carried no measured media: data channels and streams of
// sessions that failed during setup.
func (g *gen) emptyStream() {
	g.raw(`"averageAudioDegradation":null,"averageJitter":null,"maxJitter":null,"averagePacketLossRate":null,"maxPacketLossRate":null,"averageRatioOfConcealedSamples":null,"maxRatioOfConcealedSamples":null,"averageRoundTripTime":null,"maxRoundTripTime":null,"packetUtilization":0,"averageBandwidthEstimate":null,"wasMediaBypassed":null,`)
	g.raw(nullVideo)
	g.raw(`"averageAudioNetworkJitter":null,"maxAudioNetworkJitter":null,"audioCodec":"unknown","videoCodec":"unknown","rmsFreezeDuration":null,"averageFreezeDuration":null,"isAudioForwardErrorCorrectionUsed":null,`)
}

// netStats are the network metrics common to all streams.
type netStats struct {
	jitter, rtt int   // ms
	loss        int64 // 1/10000
	poor        bool
}

func (g *gen) goodNet(p *person) netStats {
	s := netStats{jitter: 1 + g.r.IntN(8), rtt: 12 + g.r.IntN(60), loss: int64(g.r.IntN(40))}
	if p != nil && p.conn != "wired" {
		s.jitter += g.r.IntN(18)
		s.rtt += g.r.IntN(120)
		s.loss += int64(g.r.IntN(350))
	}
	return s
}

// audioStream writes the audio metrics. codec "" picks a client codec.
func (g *gen) audioStream(p *person, secs, dir int, codec string) {
	util := int64(secs) * int64(46+g.r.IntN(5))
	muted := dir == 0 && g.r.IntN(50) == 0
	if muted {
		util = int64(60 + g.r.IntN(440)) // too few packets to classify
	}
	s := g.goodNet(p)
	if !muted && util > 500 && g.r.Float64() < g.poor {
		s.poor = true
		switch g.r.IntN(3) {
		case 0:
			s.loss = int64(1010 + g.r.IntN(2500))
		case 1:
			s.jitter = 31 + g.r.IntN(90)
		default:
			s.rtt = 505 + g.r.IntN(900)
		}
	}
	degr := int64(g.r.IntN(60)) + s.loss/4
	if s.poor {
		degr += int64(80 + g.r.IntN(150))
	}
	g.fix("averageAudioDegradation", degr, 3)
	g.dur("averageJitter", s.jitter)
	g.dur("maxJitter", s.jitter*(2+g.r.IntN(4)))
	g.fix("averagePacketLossRate", s.loss, 4)
	g.fix("maxPacketLossRate", min(10000, s.loss*int64(2+g.r.IntN(5))+int64(g.r.IntN(50))), 4)
	conc := s.loss/2 + int64(g.r.IntN(60))
	g.fix("averageRatioOfConcealedSamples", conc, 4)
	if g.r.IntN(4) == 0 {
		g.null("maxRatioOfConcealedSamples")
	} else {
		g.fix("maxRatioOfConcealedSamples", min(10000, conc*int64(2+g.r.IntN(3))), 4)
	}
	g.dur("averageRoundTripTime", s.rtt)
	g.dur("maxRoundTripTime", s.rtt+s.rtt*g.r.IntN(200)/100+g.r.IntN(20))
	g.int("packetUtilization", util)
	if codec == "" {
		g.int("averageBandwidthEstimate", g.bandwidth(p))
		g.raw(`"wasMediaBypassed":false,`)
	} else {
		g.raw(`"averageBandwidthEstimate":null,"wasMediaBypassed":false,`)
	}
	g.raw(nullVideo)
	nj := s.jitter + g.r.IntN(6)
	g.dur("averageAudioNetworkJitter", nj)
	g.dur("maxAudioNetworkJitter", nj*(2+g.r.IntN(4)))
	if codec == "" {
		switch {
		case p.plat.web:
			codec = "opus"
		case g.r.IntN(5) == 0:
			codec = "satinFullband"
		default:
			codec = "satin"
		}
	}
	g.str("audioCodec", codec)
	g.raw(`"videoCodec":"unknown","rmsFreezeDuration":null,"averageFreezeDuration":null,`)
	g.bool("isAudioForwardErrorCorrectionUsed", s.loss > 200)
}

func (g *gen) bandwidth(p *person) int64 {
	switch p.conn {
	case "wired":
		return int64(20000000 + g.r.IntN(80000000))
	case "wifi":
		return int64(2000000 + g.r.IntN(60000000))
	}
	return int64(500000 + g.r.IntN(15000000))
}

func (g *gen) videoStream(p *person, secs int, k mediaKind) {
	s := g.goodNet(p)
	util := int64(secs) * int64(300+g.r.IntN(500))
	if k == mVBSS {
		util /= 4
	}
	g.null("averageAudioDegradation")
	g.dur("averageJitter", s.jitter)
	g.dur("maxJitter", s.jitter*(2+g.r.IntN(4)))
	g.fix("averagePacketLossRate", s.loss, 4)
	g.fix("maxPacketLossRate", min(10000, s.loss*int64(2+g.r.IntN(5))+int64(g.r.IntN(50))), 4)
	g.raw(`"averageRatioOfConcealedSamples":null,"maxRatioOfConcealedSamples":null,`)
	g.dur("averageRoundTripTime", s.rtt)
	g.dur("maxRoundTripTime", s.rtt+s.rtt*g.r.IntN(200)/100+g.r.IntN(20))
	g.int("packetUtilization", util)
	g.int("averageBandwidthEstimate", g.bandwidth(p))
	g.raw(`"wasMediaBypassed":false,`)

	poor := util > 0 && g.r.Float64() < g.poor
	// Which metric is present decides the verdict (first of frame loss, frame rate,
	// post-FEC loss). Screen sharing usually has no frame-loss figure.
	withLoss := k == mVideo && g.r.IntN(10) < 8
	var frameLoss, fps, postFEC int64 // 1/10 %, 1/10 fps, 1/10000
	limitFPS := int64(70)
	if k == mVBSS {
		limitFPS = 20
	}
	postFEC = int64(g.r.IntN(30))
	switch {
	case k == mVBSS:
		fps = 25 + int64(g.r.IntN(120))
	default:
		fps = 120 + int64(g.r.IntN(180))
	}
	frameLoss = int64(g.r.IntN(150))
	if poor {
		if withLoss {
			frameLoss = 505 + int64(g.r.IntN(400))
			fps = 40 + int64(g.r.IntN(80))
		} else {
			fps = 3 + int64(g.r.IntN(int(limitFPS)-4))
		}
	}
	g.fix("postForwardErrorCorrectionPacketLossRate", postFEC, 4)
	if withLoss {
		g.fix("averageVideoFrameLossPercentage", frameLoss, 1)
	} else {
		g.null("averageVideoFrameLossPercentage")
	}
	g.fix("averageReceivedFrameRate", fps, 1)
	low := int64(g.r.IntN(10))
	if fps < limitFPS*2 {
		low += int64(30 + g.r.IntN(60))
	}
	g.fix("lowFrameRateRatio", low, 2)
	g.fix("averageVideoPacketLossRate", s.loss, 4)
	g.fix("averageVideoFrameRate", fps, 1)
	if p.cpu != nil && p.cpu.cores <= 8 && g.r.IntN(3) == 0 {
		g.fix("lowVideoProcessingCapabilityRatio", int64(5+g.r.IntN(40)), 2)
	} else {
		g.raw(`"lowVideoProcessingCapabilityRatio":0,`)
	}
	g.raw(`"averageAudioNetworkJitter":null,"maxAudioNetworkJitter":null,"audioCodec":"unknown",`)
	if k == mVBSS {
		g.str("videoCodec", "h264s")
	} else if g.r.IntN(6) == 0 {
		g.str("videoCodec", "av1")
	} else {
		g.str("videoCodec", "h264")
	}
	if k == mVideo {
		fr := g.r.IntN(400)
		if poor {
			fr += 800 + g.r.IntN(2000)
		}
		g.dur("rmsFreezeDuration", fr+fr/2)
		g.dur("averageFreezeDuration", fr)
	} else {
		g.raw(`"rmsFreezeDuration":null,"averageFreezeDuration":null,`)
	}
	g.null("isAudioForwardErrorCorrectionUsed")
}

// ---------------------------------------------------------------------------------------
// PSTN: the conference server dials the phone through a mediation server and a gateway.

func (g *gen) pstnSession(p *person, sid string, start, end time.Time, fail *[2]string) {
	g.open()
	g.str("id", sid)
	g.raw(`"modalities":["audio"],`)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.raw(`"isTest":false,`)
	g.failure(fail)
	g.key("caller")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
	g.key("callee")
	g.phoneEndpoint(p)
	g.arr("segments")

	mcuIP := [4]byte{10, 224, byte(32 + g.r.IntN(16)), byte(2 + g.r.IntN(250))}
	msIP := [4]byte{10, 226, byte(g.r.IntN(16)), byte(2 + g.r.IntN(250))}
	msReflex := byte(1 + g.r.IntN(254))
	sbc := g.r.IntN(len(sbcs))
	sbcIP := [4]byte{10, 20, byte(1 + sbc), 10}
	s1, e1 := start.Add(time.Duration(g.r.IntN(200))*time.Millisecond), end.Add(-time.Duration(g.r.IntN(200))*time.Millisecond)
	s2, e2 := s1.Add(time.Duration(100+g.r.IntN(400))*time.Millisecond), e1.Add(-time.Duration(g.r.IntN(200))*time.Millisecond)

	// conference server -> mediation server
	g.open()
	g.str("id", g.uuid())
	g.time("startDateTime", s1)
	g.time("endDateTime", e1)
	g.failure(fail)
	g.key("caller")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
	g.key("callee")
	g.serviceEndpoint("mediationServer", "")
	g.arr("media")
	g.serverMedia(mcuIP, 3479, 0, msIP, 49152+g.r.IntN(100), 0, s1, e1, "g722")
	g.closeArr()
	g.close()

	// mediation server -> gateway, one leg or two (a re-INVITE to a second SBC mid-call)
	legs := 1
	if g.r.IntN(3) == 0 && e2.Sub(s2) > 2*time.Minute {
		legs = 2
	}
	codec := "pcmu"
	if g.r.IntN(3) == 0 {
		codec = "pcma"
	}
	legStart := s2
	for l := range legs {
		legEnd := e2
		if l == 0 && legs == 2 {
			legEnd = s2.Add(time.Duration(g.r.Int64N(int64(e2.Sub(s2) - time.Minute))))
		}
		g.open()
		g.str("id", g.uuid())
		g.time("startDateTime", legStart)
		g.time("endDateTime", legEnd)
		g.failure(fail)
		g.key("caller")
		g.serviceEndpoint("mediationServer", "")
		g.key("callee")
		g.serviceEndpoint("gateway", sbcs[(sbc+l)%len(sbcs)])
		g.arr("media")
		g.serverMedia(msIP, 49152+g.r.IntN(100), msReflex, [4]byte{sbcIP[0], sbcIP[1], sbcIP[2] + byte(l), 10},
			40000+g.r.IntN(2000), byte(40+sbc+l), legStart, legEnd, codec)
		g.closeArr()
		g.close()
		legStart = legEnd.Add(time.Duration(50+g.r.IntN(500)) * time.Millisecond)
	}
	g.closeArr() // segments
	g.close()    // session
}

func (g *gen) serverMedia(aIP [4]byte, aPort int, aReflex byte, bIP [4]byte, bPort int, bReflex byte,
	start, end time.Time, codec string) {
	g.open()
	g.str("label", "main-audio")
	g.key("callerNetwork")
	g.sbcNetwork(aIP, aPort, aReflex)
	g.key("calleeNetwork")
	g.sbcNetwork(bIP, bPort, bReflex)
	g.key("callerDevice")
	g.nullDevice()
	g.key("calleeDevice")
	g.nullDevice()
	g.arr("streams")
	secs := int(end.Sub(start) / time.Second)
	for dir := range 2 {
		g.open()
		g.streamID()
		g.time("startDateTime", start)
		g.time("endDateTime", end)
		if dir == 0 {
			g.str("streamDirection", "callerToCallee")
		} else {
			g.str("streamDirection", "calleeToCaller")
		}
		g.audioStream(nil, secs, dir, codec)
		g.close()
	}
	g.closeArr()
	g.close()
}

// ---------------------------------------------------------------------------------------
// Low-level JSON writing. Every member ends with a comma; close and closeArr drop the
// comma before the closing bracket and add one after it.

func (g *gen) raw(s string) { g.b = append(g.b, s...) }

func (g *gen) key(k string) {
	g.b = append(g.b, '"')
	g.b = append(g.b, k...)
	g.b = append(g.b, '"', ':')
}

func (g *gen) str(k, v string) {
	g.key(k)
	g.b = appendString(g.b, v)
	g.b = append(g.b, ',')
}

// strN writes v, or null when v is empty.
func (g *gen) strN(k, v string) {
	if v == "" {
		g.null(k)
		return
	}
	g.str(k, v)
}

func (g *gen) null(k string) {
	g.key(k)
	g.b = append(g.b, "null,"...)
}

func (g *gen) int(k string, v int64) {
	g.key(k)
	g.b = strconv.AppendInt(g.b, v, 10)
	g.b = append(g.b, ',')
}

func (g *gen) intOrNull(k string, v int64, isNull bool) {
	if isNull {
		g.null(k)
		return
	}
	g.int(k, v)
}

func (g *gen) bool(k string, v bool) {
	g.key(k)
	g.b = strconv.AppendBool(g.b, v)
	g.b = append(g.b, ',')
}

// fix writes v / 10^dec as a decimal number without trailing zeros.
func (g *gen) fix(k string, v int64, dec int) {
	g.key(k)
	g.b = appendFixed(g.b, v, dec)
	g.b = append(g.b, ',')
}

// dur writes a duration of ms milliseconds in ISO 8601 ("PT0.016S", "PT1M2.5S").
func (g *gen) dur(k string, ms int) {
	g.key(k)
	g.b = append(g.b, `"PT`...)
	if ms >= 60000 {
		g.b = strconv.AppendInt(g.b, int64(ms/60000), 10)
		g.b = append(g.b, 'M')
		ms %= 60000
		if ms == 0 {
			g.b = append(g.b, `",`...)
			return
		}
	}
	g.b = appendFixed(g.b, int64(ms), 3)
	g.b = append(g.b, `S",`...)
}

func (g *gen) time(k string, t time.Time) {
	g.key(k)
	g.b = append(g.b, '"')
	g.b = t.UTC().AppendFormat(g.b, "2006-01-02T15:04:05.0000000Z")
	g.b = append(g.b, `",`...)
}

func (g *gen) ip(k string, a [4]byte) {
	g.key(k)
	g.b = append(g.b, '"')
	for i, x := range a {
		if i > 0 {
			g.b = append(g.b, '.')
		}
		g.b = strconv.AppendUint(g.b, uint64(x), 10)
	}
	g.b = append(g.b, `",`...)
}

func (g *gen) obj(k string) {
	g.key(k)
	g.b = append(g.b, '{')
}

func (g *gen) arr(k string) {
	g.key(k)
	g.b = append(g.b, '[')
}

func (g *gen) open() { g.b = append(g.b, '{') }

func (g *gen) trim() {
	if n := len(g.b); n > 0 && g.b[n-1] == ',' {
		g.b = g.b[:n-1]
	}
}

func (g *gen) close() {
	g.trim()
	g.b = append(g.b, '}', ',')
}

func (g *gen) closeArr() {
	g.trim()
	g.b = append(g.b, ']', ',')
}

const hexDigits = "0123456789abcdef"

func (g *gen) uuid() string {
	var u [16]byte
	hi, lo := g.r.Uint64(), g.r.Uint64()
	for i := range 8 {
		u[i] = byte(hi >> (56 - 8*i))
		u[8+i] = byte(lo >> (56 - 8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	j := 0
	for i, x := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hexDigits[x>>4], hexDigits[x&15]
		j += 2
	}
	return string(s[:])
}

func (g *gen) macAddr() string {
	var s [17]byte
	v := g.r.Uint64()
	for i := range 6 {
		x := byte(v >> (8 * i))
		if i == 0 {
			x &^= 1 // unicast
		}
		s[3*i], s[3*i+1] = "0123456789ABCDEF"[x>>4], "0123456789ABCDEF"[x&15]
		if i < 5 {
			s[3*i+2] = '-'
		}
	}
	return string(s[:])
}

func (g *gen) alnum(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	s := make([]byte, n)
	for i := range s {
		s[i] = chars[g.r.IntN(len(chars))]
	}
	return string(s)
}

func (g *gen) skipToken() string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	s := make([]byte, 64)
	for i := range s {
		s[i] = chars[g.r.IntN(len(chars))]
	}
	return string(s)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

func appendFixed(b []byte, v int64, dec int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	if dec == 0 {
		return strconv.AppendInt(b, v, 10)
	}
	p := pow10[dec]
	b = strconv.AppendInt(b, v/p, 10)
	f := v % p
	if f == 0 {
		return b
	}
	var d [8]byte
	for i := dec - 1; i >= 0; i-- {
		d[i] = byte('0' + f%10)
		f /= 10
	}
	n := dec
	for d[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, d[:n]...)
}

// appendString appends s as a JSON string. The generator's strings are valid UTF-8, so
// only quotes, backslashes and control characters need escaping.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
