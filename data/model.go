package data

import (
	"sync"
	"time"
)

// Record is one Graph callRecord with everything below it. Strings are
// zero-copy views of the source bytes; Raw fields hold each node's JSON
// exactly as it was in the source, unknown properties included.
type Record struct {
	ID           string
	Index        int // position in a list of records; 0 for a single record
	Version      Opt[int64]
	Type         string // groupCall, peerToPeer, unknown, or anything newer
	Modalities   []string
	Start, End   time.Time // zero when missing
	LastModified time.Time
	JoinWebURL   string

	Organizer    Participant   // organizer_v2, else the deprecated organizer
	Participants []Participant // participants_v2, else the deprecated participants
	// ParticipantsFrom says where Participants came from: "participants_v2",
	// "participants", or "" when the file has neither.
	ParticipantsFrom string
	// OldOrganizer and OldParticipants are the deprecated organizer and
	// participants of a record that also has the v2 ones (which fill
	// Organizer and Participants): kept only to name people (see Names).
	OldOrganizer    Participant
	OldParticipants []Participant

	Sessions []*Session
	Warnings []string // what the file lacks or got wrong, with how to fix it
	Raw      string

	Quality Rollup // over every stream, filled by the loader
	// Findings is what is worth saying about the call, most severe first,
	// worked out by the loader (package findings).
	Findings []Finding

	// names is the index of who the record's ids are, built on first use
	// (see Names): a record does not change after loading.
	namesOnce sync.Once
	names     *Names
}

// Participant is a participantBase (participants_v2, organizer_v2) or, for
// the deprecated properties, an identitySet wrapped the same way.
type Participant struct {
	ID       string
	Identity IdentitySet
}

// IdentitySet keeps every identity kind that is present, in source order,
// including kinds the schema does not list (acsUser, spoolUser, ...).
type IdentitySet []Identity

// Identity is one member of an identitySet, or an associatedIdentity.
type Identity struct {
	Kind              string // user, phone, guest, application, ... as the key said
	ID                string
	DisplayName       string
	TenantID          string
	UserPrincipalName string
}

type Session struct {
	ID             string
	Index          int // position in the source array, for paths such as .sessions[3]; -1 when no array held it
	Caller, Callee Endpoint
	Start, End     time.Time
	Modalities     []string
	IsTest         Opt[bool]
	Failure        *Failure
	Segments       []*Segment
	Raw            string
	Quality        Rollup
}

type Segment struct {
	ID             string
	Index          int
	Caller, Callee Endpoint
	Start, End     time.Time
	Failure        *Failure
	Media          []*Media
	Raw            string
	Quality        Rollup
}

// Endpoints calls fn for the session's caller and callee, then each of its
// segments' caller and callee, in order.
func (se *Session) Endpoints(fn func(e *Endpoint)) {
	fn(&se.Caller)
	fn(&se.Callee)
	for _, sg := range se.Segments {
		fn(&sg.Caller)
		fn(&sg.Callee)
	}
}

// OwnFailure is the segment's failure, unless it only repeats its
// session's (Graph often copies it down): one failure is one problem.
func (sg *Segment) OwnFailure(se *Session) *Failure {
	if sg.Failure == nil || (se.Failure != nil && *sg.Failure == *se.Failure) {
		return nil
	}
	return sg.Failure
}

type Failure struct {
	Stage  string // callSetup, midcall, unknown, ...
	Reason string
}

type Media struct {
	Label                        string
	Index                        int
	CallerNetwork, CalleeNetwork *Network
	CallerDevice, CalleeDevice   *Device
	Streams                      []*Stream
	Raw                          string
	Quality                      Rollup
}

// EndpointKind says whether an endpoint is a participant's client or a
// Microsoft service (conference server, gateway, ...).
type EndpointKind uint8

const (
	EndpointUnknown EndpointKind = iota
	EndpointParticipant
	EndpointService
)

func (k EndpointKind) String() string {
	switch k {
	case EndpointParticipant:
		return "participant"
	case EndpointService:
		return "service"
	}
	return "unknown"
}

type Endpoint struct {
	Present   bool
	Kind      EndpointKind
	ODataType string // as the file said; empty without OData metadata
	UserAgent UserAgent

	AssociatedIdentity *Identity
	Identity           IdentitySet // deprecated identitySet
	Feedback           *Feedback
	Machine            string // "name": the device or machine name
	CPUName            string
	CPUCores           Opt[int64]
	CPUSpeedMHz        Opt[int64]
	Raw                string
}

type UserAgent struct {
	Kind                   EndpointKind // client (participant) or service
	ODataType              string
	HeaderValue            string
	ApplicationVersion     string
	Platform               string // client
	ProductFamily          string // client
	AzureADAppID           string // client
	CommunicationServiceID string // client
	Role                   string // service
}

type Feedback struct {
	Rating string
	Text   string
	Tokens []string // the tokens set to true, in source order
	Raw    string
}

// Device is a deviceInfo: what the endpoint's audio devices did.
type Device struct {
	CaptureDeviceName, CaptureDeviceDriver string
	RenderDeviceName, RenderDeviceDriver   string

	CaptureNotFunctioningEventRatio Opt[float64]
	RenderNotFunctioningEventRatio  Opt[float64]
	CPUInsufficentEventRatio        Opt[float64] // Microsoft's spelling
	DeviceClippingEventRatio        Opt[float64]
	DeviceGlitchEventRatio          Opt[float64]
	LowSpeechLevelEventRatio        Opt[float64]
	LowSpeechToNoiseEventRatio      Opt[float64]
	RenderMuteEventRatio            Opt[float64]
	RenderZeroVolumeEventRatio      Opt[float64]
	MicGlitchRate                   Opt[float64] // glitches per 5 minutes
	SpeakerGlitchRate               Opt[float64]
	HowlingEventCount               Opt[int64]
	InitialSignalLevelRMS           Opt[float64]
	ReceivedNoiseLevel              Opt[int64] // dBFS
	ReceivedSignalLevel             Opt[int64]
	SentNoiseLevel                  Opt[int64]
	SentSignalLevel                 Opt[int64]
	Raw                             string
}

// Network is a networkInfo.
type Network struct {
	IPAddress, Subnet                  string
	Port                               Opt[int64]
	ReflexiveIPAddress, RelayIPAddress string
	RelayPort                          Opt[int64]
	ConnectionType                     string     // wired, wifi, mobile, tunnel, unknown, ...
	TransportProtocol                  string     // udp, tcp
	LinkSpeed                          Opt[int64] // bits/s; 4294967295 means unknown
	MACAddress, DNSSuffix, BSSID       string

	WifiBand, WifiRadioType                         string
	WifiChannel                                     Opt[int64]
	WifiSignalStrength, WifiBatteryCharge           Opt[int64] // percent
	WifiMicrosoftDriver, WifiMicrosoftDriverVersion string
	WifiVendorDriver, WifiVendorDriverVersion       string

	SentQualityEventRatio     Opt[float64]
	ReceivedQualityEventRatio Opt[float64]
	DelayEventRatio           Opt[float64]
	BandwidthLowEventRatio    Opt[float64]

	Hops []Hop
	Raw  string
}

// Hop is one traceRouteHop.
type Hop struct {
	HopCount  Opt[int64]
	IPAddress string
	RTT       Opt[time.Duration]
}

// Stream is a mediaStream: one direction of one media.
type Stream struct {
	StreamID   string
	Index      int
	Direction  string // callerToCallee, calleeToCaller
	AudioCodec string
	VideoCodec string
	Start, End time.Time

	AverageAudioDegradation           Opt[float64]
	AverageAudioNetworkJitter         Opt[time.Duration]
	MaxAudioNetworkJitter             Opt[time.Duration]
	AverageBandwidthEstimate          Opt[int64] // bits/s
	AverageFreezeDuration             Opt[time.Duration]
	RMSFreezeDuration                 Opt[time.Duration]
	AverageJitter                     Opt[time.Duration]
	MaxJitter                         Opt[time.Duration]
	AveragePacketLossRate             Opt[float64]
	MaxPacketLossRate                 Opt[float64]
	AverageRatioOfConcealedSamples    Opt[float64]
	MaxRatioOfConcealedSamples        Opt[float64]
	AverageReceivedFrameRate          Opt[float64]
	AverageRoundTripTime              Opt[time.Duration]
	MaxRoundTripTime                  Opt[time.Duration]
	AverageVideoFrameLossPercentage   Opt[float64] // already a percentage
	AverageVideoFrameRate             Opt[float64]
	AverageVideoPacketLossRate        Opt[float64]
	LowFrameRateRatio                 Opt[float64]
	LowVideoProcessingCapabilityRatio Opt[float64]
	PacketUtilization                 Opt[int64]
	PostFECPacketLossRate             Opt[float64]
	IsAudioFECUsed                    Opt[bool]
	WasMediaBypassed                  Opt[bool]

	Kind    MediaKind
	Quality Judgement
	Raw     string
}
