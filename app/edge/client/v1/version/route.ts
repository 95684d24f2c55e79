// `GET /version` answers what `GET /` answers.
export { GET } from '../route';
