// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for TLSKit's parsers and both state machines, in their own package.
// Build and run with `scripts/fuzz TARGET [SECONDS]` from the repository root; the build uses
// `-sanitize=fuzzer,address`; each target's `main` hands control to libFuzzer's driver.
let package = Package(
    name: "TLSKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TLSKit", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "TLSKit", package: "TLSKit"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .executableTarget(
            name: "FuzzClient",
            dependencies: ["FuzzSupport", .product(name: "TLSKit", package: "TLSKit"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .executableTarget(
            name: "FuzzServer",
            dependencies: ["FuzzSupport", .product(name: "TLSKit", package: "TLSKit"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .executableTarget(
            name: "FuzzMessages",
            dependencies: ["FuzzSupport", .product(name: "TLSKit", package: "TLSKit"), .product(name: "NIOCore", package: "swift-nio")]
        ),
    ]
)
