// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for TLSKit's parsers, record protection and both state machines, in their
// own package, and `FuzzSeeds`, which writes seed corpora from real handshakes. Build and run
// with `scripts/fuzz TARGET [SECONDS]` or `scripts/fuzz-ci` from the repository root; the build
// uses `-sanitize=fuzzer,address`; each target's `main` hands control to libFuzzer's driver.
let fuzzTargets = ["FuzzClient", "FuzzServer", "FuzzMessages", "FuzzDeframer", "FuzzRecordProtection", "FuzzPEMLoader"]

let common: [Target.Dependency] = [
    .product(name: "TLSKit", package: "TLSKit"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "Crypto", package: "swift-crypto"),
]

let package = Package(
    name: "TLSKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TLSKit", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: common),
        .executableTarget(name: "FuzzSeeds", dependencies: ["FuzzSupport"] + common),
    ] + fuzzTargets.map { .executableTarget(name: $0, dependencies: ["FuzzSupport"] + common) }
)
