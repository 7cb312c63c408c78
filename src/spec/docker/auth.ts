// Registry credentials as the Engine API carries them: the body of POST /auth
// and, base64url-encoded, the X-Registry-Auth header of pull and push
// (moby api/types/registry.AuthConfig; the CLI keeps the same fields in
// ~/.docker/config.json).

export interface AuthConfig {
  username?: string;
  password?: string;
  /** base64 of `username:password`, as config.json's `auths` keep it. */
  auth?: string;
  email?: string;
  serveraddress?: string;
  /** A refresh token a registry's token server gave at login, used instead of the password. */
  identitytoken?: string;
  /** A bearer token sent to the registry as it is. */
  registrytoken?: string;
}

export interface AuthResponse {
  Status: string;
  IdentityToken?: string;
}
