// swift-tools-version:6.1
import PackageDescription

// TLSKit's benchmarks, in their own package so the main build stays small.
// Run with `scripts/bench` from the repository root (or `swift run -c release` here).
// ordo-one/benchmark 1.38.1 cannot be built on this platform (it needs a runtime interposer
// package that is not available), so a small timing harness of our own reports the numbers
// and a malloc-counting shim (AllocationCounter) the allocations.
let package = Package(
    name: "TLSKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TLSKit", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // Counts heap allocations by replacing malloc and its siblings in the executable.
        .target(name: "AllocationCounter", path: "Benchmarks/AllocationCounter"),
        .executableTarget(
            name: "TLSBenchmarks",
            dependencies: [
                "AllocationCounter",
                .product(name: "TLSKit", package: "TLSKit"),
                .product(name: "TLSKitNIO", package: "TLSKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Benchmarks/TLSBenchmarks"
        ),
        // 100,000 connections over loopback in one process: memory and descriptors stay flat.
        .executableTarget(
            name: "TLSSoak",
            dependencies: [
                .product(name: "TLSKit", package: "TLSKit"),
                .product(name: "TLSKitNIO", package: "TLSKit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/TLSSoak"
        ),
    ]
)
