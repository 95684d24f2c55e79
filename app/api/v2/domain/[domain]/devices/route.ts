// Legacy path of GET /api/v2/tailnet/{tailnet}/devices.
export { GET } from '../../../tailnet/[tailnet]/devices/route';
