import ArgumentParser
import TLSKit

extension DevelopmentKeyType: ExpressibleByArgument {}
